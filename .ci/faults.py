#!/usr/bin/env python3
"""Fault checks of Silta on PostgreSQL (python3 stdlib only), run by .ci/run after the PG tests.

1. Two nodes started at the same instant on one database both reach "Started", three rounds: on an
   empty database (demo data on in the first round, off as in production in the others), then
   again on that existing database with demo data off. Afterwards: one deployment, every model at
   version 1, the reference data there, demo users exactly when demo data was on.
   In the first round, with both nodes up: a staff sign-in on one node holds on the other (sessions
   in the database), and one address gets its 3 sign-in links in all, asked alternately of both.
2. A node whose start fails (its database unreachable) exits with a non-zero status within seconds.

Needs the fat jar (target/silta-*.jar), PostgreSQL on 127.0.0.1:5432 with the role silta/silta,
and `su postgres` to create the throwaway database silta_faults.
"""
import glob
import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = "silta_faults"
PORTS = (18181, 18182)
START_TIMEOUT = 240


def jar():
    jars = [j for j in glob.glob(os.path.join(ROOT, "target", "silta-*.jar")) if not j.endswith(".original")]
    if not jars:
        sys.exit("FAILED: no target/silta-*.jar (mvn package first)")
    return jars[0]


def admin(sql):
    subprocess.run(["su", "postgres", "-c", 'psql -v ON_ERROR_STOP=1 -q -c "%s"' % sql], check=True)


def sql(query):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "silta", "-d", DB, "-tAc", query], check=True,
                         capture_output=True, text=True, env=dict(os.environ, PGPASSWORD="silta"))
    return out.stdout.strip()


def fresh_database():
    admin("drop database if exists %s" % DB)
    admin("create database %s owner silta" % DB)


def start(port, demo, db_url=None):
    env = dict(os.environ, SPRING_PROFILES_ACTIVE="postgres",
               SILTA_DB_URL=db_url or "jdbc:postgresql://127.0.0.1:5432/%s" % DB,
               SILTA_DB_USER="silta", SILTA_DB_PASSWORD="silta", SILTA_DEMO=str(demo).lower(),
               SILTA_SMTP_PORT="2525")
    env.pop("SPRING_DATASOURCE_URL", None)
    log = tempfile.NamedTemporaryFile(prefix="silta-node-%d-" % port, suffix=".log", delete=False)
    proc = subprocess.Popen(["java", "-Xmx512m", "-jar", jar(), "--server.port=%d" % port,
                             "--silta.demo.grant-round=false"],
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT, start_new_session=True)
    return proc, log.name


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())


def call(opener, port, path, form=None):
    """(status, Location, body) of a GET, or of a form POST when form is given."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open("http://localhost:%d%s" % (port, path), data=data, timeout=60) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", ""), e.read().decode("utf-8", "replace")


def csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def across_nodes(what):
    a, b = PORTS
    staff = browser()
    _, _, page = call(staff, a, "/login")
    status, location, _ = call(staff, a, "/login", {"username": "aino.virtanen", "password": "silta-demo",
                                                    "_csrf": csrf(page)})
    if status != 302 or not location.endswith("/staff"):
        sys.exit("FAILED (%s): staff sign-in on node A: %s %s" % (what, status, location))
    status, location, _ = call(staff, b, "/staff")
    if status != 200:
        sys.exit("FAILED (%s): a sign-in on node A is not one on node B (%s %s)" % (what, status, location))
    portal = browser()
    address = "faults-%d@faults.example" % int(time.time())
    answers = []
    for i in range(4):
        port = PORTS[i % 2]
        _, _, page = call(portal, port, "/portal/login")
        _, location, _ = call(portal, port, "/portal/login/link", {"username": address, "_csrf": csrf(page)})
        answers.append(location.rsplit("/portal/login", 1)[-1])
    if answers != ["/sent", "/sent", "/sent", "?tooMany"]:
        sys.exit("FAILED (%s): sign-in links asked alternately of two nodes: %s" % (what, answers))
    print("%s: a staff sign-in on node A holds on node B; 3 links in all for one address across nodes" % what)


def two_nodes_at_once(what, demo):
    began = time.time()
    nodes = [start(port, demo) for port in PORTS]
    try:
        deadline = time.time() + START_TIMEOUT
        while time.time() < deadline:
            logs = [read(log) for _, log in nodes]
            if all("Started SiltaApplication" in text for text in logs):
                break
            for (proc, log), text in zip(nodes, logs):
                if proc.poll() is not None:
                    print(text[-6000:])
                    sys.exit("FAILED (%s): a node exited with status %s at start" % (what, proc.returncode))
            time.sleep(1)
        else:
            for _, log in nodes:
                print(read(log)[-4000:])
            sys.exit("FAILED (%s): both nodes did not start within %d s" % (what, START_TIMEOUT))
        if demo:
            across_nodes(what)
    finally:
        for proc, _ in nodes:
            stop(proc)
    checks = {
        "deployments": sql("select count(*) from act_re_deployment"),
        "highest model version": sql("select coalesce(max(version_), 0) from act_re_procdef"),
        "counties": sql("select count(*) from county"),
        "demo users": sql("select count(*) from act_id_user where id_ = 'aino.virtanen'"),
    }
    print("%s: both nodes started in %.0f s; %s" % (what, time.time() - began,
                                                  ", ".join("%s=%s" % kv for kv in checks.items())))
    if (checks["deployments"] != "1" or checks["highest model version"] != "1" or checks["counties"] == "0"
            or (demo and checks["demo users"] != "1")):
        sys.exit("FAILED (%s): %s" % (what, checks))
    for _, log in nodes:
        os.unlink(log)


def failed_start_exits():
    began = time.time()
    proc, log = start(PORTS[0], False, db_url="jdbc:postgresql://127.0.0.1:1/%s" % DB)
    try:
        status = proc.wait(120)
    except subprocess.TimeoutExpired:
        stop(proc)
        print(read(log)[-4000:])
        sys.exit("FAILED: a node whose start failed was still running after 120 s")
    took = time.time() - began
    print("a node whose database is unreachable exited with status %d after %.0f s" % (status, took))
    if status == 0:
        sys.exit("FAILED: a failed start exited with status 0")
    os.unlink(log)


def main():
    failed_start_exits()
    for round_ in (1, 2, 3):
        demo = round_ == 1
        fresh_database()
        two_nodes_at_once("round %d, empty database, demo %s" % (round_, "on" if demo else "off"), demo)
        two_nodes_at_once("round %d, existing database, demo off" % round_, False)
    admin("drop database if exists %s" % DB)
    print("fault checks passed")


if __name__ == "__main__":
    main()
