#!/usr/bin/env python3
"""Fault checks of Silta on PostgreSQL (python3 stdlib only), run by .ci/run after the PG tests.

1. A node whose start fails (its database unreachable) exits with a non-zero status within
   FAILED_START_LIMIT seconds (the figure is printed).
2. Two nodes started at the same instant on one database both reach "Started", three rounds: on an
   empty database (demo data on in the first round, off as in production in the others), then
   again on that existing database with demo data off. Afterwards: one deployment, every model at
   version 1, the reference data there, demo users exactly when demo data was on.
   In the first round, with both nodes up (each running the job executor and the outbox drain job,
   mailing to an SMTP sink in this script, one sink port per node):
   a. a staff sign-in on one node holds on the other (sessions in the database), and one address
      gets its 3 sign-in links in all, asked alternately of both;
   b. timers fire once: grant rounds started through the engine's REST API of both nodes open and
      close by their timers while both run; each round is published once and closed once (history),
      with no incident and no failed job;
   c. the outbox drained by both with no mail sent twice: sign-in links for many addresses asked
      alternately of both nodes; each outbox row arrives exactly once (by Message-ID), once per
      address, every row SENT, and both nodes sent some;
   d. case numbers unique across nodes: contact registrations (signed in with links read from the
      sink) posted concurrently to both nodes; every receipt a distinct case number, and cases,
      process instances, documents and receipt mails agree by SQL and in the sink.
3. PostgreSQL restarts during submissions, on a throwaway cluster of its own (so nothing else on
   the machine loses its database): one node takes registrations from several client threads; the
   cluster is stopped for RESTART_OUTAGE seconds and started again. /actuator/health and its
   readiness group are DOWN within HEALTH_DOWN_LIMIT seconds of the stop (figure printed) and UP
   again after the start, without restarting the node, which takes submissions again. Every
   submission that got a receipt has its case, its process instance, its document and exactly one
   receipt mail; every one that failed got the Finnish "not sent, try again" page (503) and left
   nothing behind (no case for its submission key, no organisation without a contact, no case
   without a process instance). One that committed just before the database went away (its
   session could not be saved after) got the page naming its case (200), which counts as a receipt;
   one whose commit broke off got the page saying "we do not know, send again": sent again after
   the restart, it gets exactly one receipt.

Needs the fat jar (target/silta-*.jar), PostgreSQL 15 on 127.0.0.1:5432 with the role silta/silta,
root (`su postgres`, pg_createcluster) for the throwaway databases silta_faults and the cluster
silta_faults on port RESTART_PG_PORT.
"""
import concurrent.futures
import datetime
import email
import email.policy
import glob
import http.client
import http.cookiejar
import json
import os
import random
import re
import base64
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = "silta_faults"
PORTS = (18181, 18182)
SINK_PORTS = (18125, 18126)
START_TIMEOUT = 240
FAILED_START_LIMIT = 20
HEALTH_DOWN_LIMIT = 5
PG_VERSION = "15"
RESTART_CLUSTER = "silta_faults"
RESTART_PG_PORT = 5439
RESTART_OUTAGE = 10
HEALTH_PATHS = ("/actuator/health", "/actuator/health/readiness")
BUSY_PAGE = "Palvelu on juuri nyt ruuhkautunut"
IN_DOUBT_PAGE = "emme tiedä, tallentuiko"
STORED_PAGE = re.compile(r'data-stored-reference="(YH-\d{4}-\d+)"')
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
RECEIPT = re.compile(r"/portal/cases/(YH-\d{4}-\d+)/receipt$")
SIGN_IN_LINK = re.compile(r"(/portal/login/ott\?token=[A-Za-z0-9-]+)")


def fail(message):
    sys.exit("FAILED: " + message)


def jar():
    jars = [j for j in glob.glob(os.path.join(ROOT, "target", "silta-*.jar")) if not j.endswith(".original")]
    if not jars:
        fail("no target/silta-*.jar (mvn package first)")
    return jars[0]


def admin(statement, port=5432):
    subprocess.run(["su", "postgres", "-c", 'psql -p %d -v ON_ERROR_STOP=1 -q -c "%s"' % (port, statement)], check=True)


def sql(query, db=DB, port=5432):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "silta", "-d", db, "-tAc", query], check=True,
                         capture_output=True, text=True, env=dict(os.environ, PGPASSWORD="silta"))
    return out.stdout.strip()


def rows(query, db=DB, port=5432):
    text = sql(query, db, port)
    return [line.split("|") for line in text.splitlines()] if text else []


def fresh_database():
    admin("drop database if exists %s" % DB)
    admin("create database %s owner silta" % DB)


# --- Silta nodes ------------------------------------------------------------------------------------

def start(port, demo, db_url=None, smtp_port=2525, extra=()):
    env = dict(os.environ, SPRING_PROFILES_ACTIVE="postgres",
               SILTA_DB_URL=db_url or "jdbc:postgresql://127.0.0.1:5432/%s" % DB,
               SILTA_DB_USER="silta", SILTA_DB_PASSWORD="silta", SILTA_DEMO=str(demo).lower(),
               SILTA_SMTP_PORT=str(smtp_port), SILTA_BASE_URL="http://localhost:%d" % port)
    env.pop("SPRING_DATASOURCE_URL", None)
    log = tempfile.NamedTemporaryFile(prefix="silta-node-%d-" % port, suffix=".log", delete=False)
    # the engine's host name tells in its job log which node ran a job
    proc = subprocess.Popen(["java", "-Xmx512m", "-jar", jar(), "--server.port=%d" % port,
                             "--silta.demo.grant-round=false",
                             "--camunda.bpm.generic-properties.properties.hostname=node-%d" % port] + list(extra),
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


def wait_started(nodes, what):
    deadline = time.time() + START_TIMEOUT
    while time.time() < deadline:
        logs = [read(log) for _, log in nodes]
        if all("Started SiltaApplication" in text for text in logs):
            return
        for (proc, log), text in zip(nodes, logs):
            if proc.poll() is not None:
                print(text[-6000:])
                fail("(%s) a node exited with status %s at start" % (what, proc.returncode))
        time.sleep(1)
    for _, log in nodes:
        print(read(log)[-4000:])
    fail("(%s) the nodes did not start within %d s" % (what, START_TIMEOUT))


# --- an SMTP sink: every mail the nodes send, with the port (node) it came in on ------------------------

class Sink:
    def __init__(self, ports):
        self.mails = []
        self.lock = threading.Lock()
        self.servers = []
        for port in ports:
            server = socketserver.ThreadingTCPServer(("127.0.0.1", port), SmtpSession, bind_and_activate=False)
            server.allow_reuse_address = True
            server.daemon_threads = True
            server.server_bind()
            server.server_activate()
            server.sink = self
            server.port = port
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)

    def received(self, port, recipients, raw):
        message = email.message_from_bytes(raw, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
        mail = {"port": port, "to": [r.lower() for r in recipients], "message_id": message["Message-ID"],
                "subject": str(message["Subject"]), "body": part.get_content() if part is not None else ""}
        with self.lock:
            self.mails.append(mail)

    def to(self, address):
        with self.lock:
            return [m for m in self.mails if address.lower() in m["to"]]

    def wait_for(self, predicate, timeout, what):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = predicate()
            if found:
                return found
            time.sleep(0.2)
        fail("no mail within %d s: %s" % (timeout, what))

    def close(self):
        for server in self.servers:
            server.shutdown()
            server.server_close()


class SmtpSession(socketserver.StreamRequestHandler):
    """Enough of SMTP for JavaMail: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, text):
        self.wfile.write(text.encode("ascii") + b"\r\n")

    def handle(self):
        self.reply("220 faults sink")
        recipients = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-faults sink")
                self.reply("250 8BITMIME")
            elif verb in ("HELO", "NOOP"):
                self.reply("250 OK")
            elif verb in ("MAIL", "RSET"):
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>").split(">")[0])
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with .")
                data = []
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                self.server.sink.received(self.server.port, recipients, b"".join(data))
                recipients = []
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


# --- a browser over HTTP ----------------------------------------------------------------------------

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())


def call(opener, port, path, form=None, body=None, headers=None, timeout=60):
    """(status, Location, body) of a GET, or of a POST when form (urlencoded) or body (bytes) is given."""
    data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else body
    request = urllib.request.Request("http://localhost:%d%s" % (port, path), data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Location", ""), e.read().decode("utf-8", "replace")


def csrf(html):
    return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)


def hidden(html, name):
    return re.search(r'name="%s" value="([^"]+)"' % re.escape(name), html).group(1)


def multipart(fields, files):
    boundary = "----faults" + uuid.uuid4().hex
    out = bytearray()
    for name, value in fields:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (boundary, name, value)).encode()
    for name, file_name, content_type, content in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: %s\r\n\r\n'
                % (boundary, name, file_name, content_type)).encode() + content + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return bytes(out), "multipart/form-data; boundary=" + boundary


def ask_link(opener, port, address):
    """Asks a sign-in link of a node; returns what the login page answered (/sent, ?tooMany…)."""
    _, _, page = call(opener, port, "/portal/login")
    _, location, _ = call(opener, port, "/portal/login/link", {"username": address, "_csrf": csrf(page)})
    return location.rsplit("/portal/login", 1)[-1]


def portal_sign_in(port, address, sink):
    """A portal browser signed in the real way: a link asked of the node, read from the mail in the sink."""
    opener = browser()
    before = len(sink.to(address))
    if ask_link(opener, port, address) != "/sent":
        fail("sign-in link for %s not sent" % address)
    mail = sink.wait_for(lambda: sink.to(address)[before:], 60, "sign-in link to %s" % address)[0]
    link = SIGN_IN_LINK.search(mail["body"])
    if not link:
        fail("no sign-in link in the mail to %s" % address)
    token = link.group(1).split("=", 1)[1]
    _, _, page = call(opener, port, link.group(1))
    status, location, _ = call(opener, port, "/portal/login/ott", {"token": token, "_csrf": csrf(page)})
    if status != 302 or not location.endswith("/portal/my"):
        fail("portal sign-in of %s: %s %s" % (address, status, location))
    return opener


_business_ids = iter(range(random.randint(1_000_000, 8_000_000), 9_999_999))
_business_lock = threading.Lock()


def business_id():
    """A valid Y-tunnus no one has used in this run."""
    with _business_lock:
        while True:
            digits = "%07d" % next(_business_ids)
            rest = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2))) % 11
            if rest != 1:
                return "%s-%d" % (digits, 0 if rest == 0 else 11 - rest)


def register(opener, port):
    """One contact registration (with a PDF) posted to a node: ("receipt", reference, key),
    ("busy", None, key) for the Finnish 503 page saying nothing was stored, ("doubt", resend, key)
    when the commit broke off and the page says sending again is safe (resend() sends the same form
    again), ("page-busy", None, None) when even the form page was refused, or ("unexpected", detail, key)."""
    try:
        status, _, page = call(opener, port, "/portal/contact", timeout=30)
    except (http.client.HTTPException, urllib.error.URLError, OSError) as e:
        # the form page cut off as the database went away: nothing was sent yet
        return "page-busy", "form page broken off: %r" % e, None
    if status == 503 and BUSY_PAGE in page:
        return "page-busy", None, None
    if status != 200:
        return "unexpected", "form page %s" % status, None
    key = hidden(page, "submissionKey")
    body, content_type = multipart(
        [("_csrf", csrf(page)), ("submissionKey", key), ("organisationName", "Vikatesti ry %s" % key[:8]),
         ("organisationType", "REGISTERED_ASSOCIATION"), ("businessId", business_id()), ("municipalities", "564"),
         ("contactName", "Vikatesti Yhteyshenkilö"), ("language", "fi"), ("confirm", "true")],
        [("authorisation", "valtakirja.pdf", "application/pdf", PDF)])
    return post_registration(opener, port, body, content_type, key)


def post_registration(opener, port, body, content_type, key):
    try:
        status, location, text = call(opener, port, "/portal/contact", body=body,
                                      headers={"Content-Type": content_type}, timeout=30)
    except (http.client.HTTPException, urllib.error.URLError, OSError) as e:
        return "unexpected", "no answer: %r" % e, key
    receipt = RECEIPT.search(location)
    if status == 302 and receipt:
        return "receipt", receipt.group(1), key
    stored = STORED_PAGE.search(text)
    if status == 200 and stored:
        # committed, and the session could not be saved after (the database went away as the
        # receipt's redirect went out): the page names the case, which must be there like any receipt's
        return "receipt", stored.group(1), key
    if status == 503 and BUSY_PAGE in text and "ei tallennettu" in text:
        return "busy", None, key
    if status == 503 and BUSY_PAGE in text and IN_DOUBT_PAGE in text:
        return "doubt", lambda: post_registration(opener, port, body, content_type, key), key
    return "unexpected", "%s %s %s" % (status, location, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))[:300]), key


def engine_rest(port, path, payload):
    auth = base64.b64encode(b"aino.virtanen:silta-demo").decode()
    headers = {"Authorization": "Basic " + auth, "Content-Type": "application/json", "Accept": "application/json"}
    status, _, text = call(browser(), port, "/engine-rest" + path,
                           body=json.dumps(payload).encode() if payload is not None else None, headers=headers)
    if status >= 300:
        fail("engine REST %s on node %d: %s %s" % (path, port, status, text[:500]))
    return json.loads(text) if text else None


# --- check 1 -----------------------------------------------------------------------------------------

def failed_start_exits():
    began = time.time()
    proc, log = start(PORTS[0], False, db_url="jdbc:postgresql://127.0.0.1:1/%s" % DB)
    try:
        status = proc.wait(120)
    except subprocess.TimeoutExpired:
        stop(proc)
        print(read(log)[-4000:])
        fail("a node whose start failed was still running after 120 s")
    took = time.time() - began
    print("failed start: a node whose database is unreachable exited with status %d after %.1f s (limit %d s)"
          % (status, took, FAILED_START_LIMIT))
    if status == 0:
        fail("a failed start exited with status 0")
    if took > FAILED_START_LIMIT:
        print(read(log)[-4000:])
        fail("a failed start took %.1f s to exit (more than %d s)" % (took, FAILED_START_LIMIT))
    os.unlink(log)


# --- check 2 -----------------------------------------------------------------------------------------

def sign_in_across_nodes(what):
    a, b = PORTS
    staff = browser()
    _, _, page = call(staff, a, "/login")
    status, location, _ = call(staff, a, "/login", {"username": "aino.virtanen", "password": "silta-demo",
                                                    "_csrf": csrf(page)})
    if status != 302 or not location.endswith("/staff"):
        fail("(%s) staff sign-in on node A: %s %s" % (what, status, location))
    status, location, _ = call(staff, b, "/staff")
    if status != 200:
        fail("(%s) a sign-in on node A is not one on node B (%s %s)" % (what, status, location))
    portal = browser()
    address = "faults-%d@faults.example" % int(time.time())
    answers = [ask_link(portal, PORTS[i % 2], address) for i in range(4)]
    if answers != ["/sent", "/sent", "/sent", "?tooMany"]:
        fail("(%s) sign-in links asked alternately of two nodes: %s" % (what, answers))
    print("%s: a staff sign-in on node A holds on node B; 3 links in all for one address across nodes" % what)


def helsinki_iso(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def start_timed_rounds(count, opens_in, closes_in):
    """Grant rounds through the engine REST API of both nodes, as a coordinator would in Tasklist:
    their opening and closing timers come due while both nodes run. Returns their process instances."""
    now = datetime.datetime.now(datetime.timezone.utc)
    instances = []
    for i in range(count):
        port = PORTS[i % 2]
        start_form = {
            "nameFi": {"value": "Vikatestin haku %d" % i}, "nameSv": {"value": "Feltestets ansökan %d" % i},
            "descriptionFi": {"value": "Ajastimet kahdella solmulla."}, "descriptionSv": {"value": "Timer på två noder."},
            "budget": {"value": "100 000"}, "maxAmount": {"value": "10 000"},
            "opensAt": {"value": helsinki_iso(now + datetime.timedelta(seconds=opens_in))},
            "closesAt": {"value": helsinki_iso(now + datetime.timedelta(seconds=closes_in))}}
        instance = engine_rest(port, "/process-definition/key/grantRound/submit-form", {"variables": start_form})["id"]
        task = engine_rest(port, "/task?processInstanceId=%s" % instance, None)[0]["id"]
        criteria = [{"nameFi": "Vaikuttavuus", "nameSv": "Verkan", "weight": "60"},
                    {"nameFi": "Toteutettavuus", "nameSv": "Genomförbarhet", "weight": "40"}]
        configuration = {
            "contactPerson": {"value": "aino.virtanen"},
            "reviewers": {"value": json.dumps(["mikko.korhonen", "liisa.nieminen"]), "type": "Json"},
            "reviewersPerApplication": {"value": 2, "type": "Integer"},
            "decisionMaker": {"value": "helena.hamalainen"}, "disagreementThreshold": {"value": "1.0"},
            "minimumScore": {"value": "2.5"}, "multipleApplications": {"value": False, "type": "Boolean"},
            "stateGrant": {"value": False, "type": "Boolean"},
            "criteria": {"value": json.dumps(criteria), "type": "Json"}}
        engine_rest(PORTS[(i + 1) % 2], "/task/%s/submit-form" % task, {"variables": configuration})
        instances.append(instance)
    return instances


def timers_fired_once(instances, timeout):
    """Each round opened and closed by its timers exactly once, by whichever node took the job; with no
    application to wait for, each went on to its allocation, whose proposal (an async job) ran once."""
    listed = ",".join("'%s'" % i for i in instances)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if sql("select count(*) from act_ru_task where proc_inst_id_ in (%s) and task_def_key_ = 'Task_AllocateGrants'"
               % listed) == str(len(instances)):
            break
        time.sleep(2)
    else:
        fail("(timers) not every grant round closed and reached its allocation within %d s: %s" % (timeout, rows(
            "select r.id, r.status, a.act_id_ from grant_round r left join act_ru_execution e on e.proc_inst_id_ = r.process_instance_id "
            "left join act_hi_actinst a on a.proc_inst_id_ = r.process_instance_id and a.end_time_ is null "
            "where r.process_instance_id in (%s)" % listed)))
    fired = rows("select act_id_, count(*), count(distinct proc_inst_id_) from act_hi_actinst where proc_inst_id_ in (%s) "
                 "and act_id_ in ('Timer_CallOpens', 'Task_PublishRound', 'Timer_CallCloses', 'Task_CloseRound', "
                 "'Task_ComputeProposal') group by act_id_ order by act_id_" % listed)
    n = str(len(instances))
    if len(fired) != 5 or any(count != n or distinct != n for _, count, distinct in fired):
        fail("(timers) each timer and its task once per round expected (%s rounds): %s" % (n, fired))
    allocating = sql("select count(*) from grant_round where process_instance_id in (%s) and status = 'ALLOCATING'" % listed)
    proposals = sql("select count(*) from grant_allocation_event e join grant_round r on r.id = e.round_id "
                    "where r.process_instance_id in (%s) and e.kind = 'PROPOSED'" % listed)
    incidents = sql("select count(*) from act_hi_incident where proc_inst_id_ in (%s)" % listed)
    failures = sql("select count(*) from act_hi_job_log where process_instance_id_ in (%s) and job_exception_msg_ is not null" % listed)
    if allocating != n or proposals != n or incidents != "0" or failures != "0":
        fail("(timers) rounds at their allocation %s of %s, proposals %s, incidents %s, failed jobs %s"
             % (allocating, n, proposals, incidents, failures))
    by_node = rows("select hostname_, count(*) from act_hi_job_log where process_instance_id_ in (%s) and job_state_ = 2 "
                   "group by hostname_ order by hostname_" % listed)
    print("timers: %s grant rounds opened and closed by their timers once each and proposed once, no incident "
          "(jobs run per node: %s)" % (n, ", ".join("%s=%s" % tuple(r) for r in by_node)))


def outbox_drained_once(sink, addresses=30):
    """Sign-in links for many addresses, two each, asked alternately of both nodes: each outbox row
    arrives once (Message-ID), each address gets its two, every row SENT, both nodes sent some."""
    stamp = int(time.time())
    wanted = ["drain-%d-%02d@faults.example" % (stamp, i) for i in range(addresses)]

    def ask(i):
        opener = browser()
        return [ask_link(opener, PORTS[(i + k) % 2], wanted[i]) for k in range(2)]

    with concurrent.futures.ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(ask, range(addresses)))
    if any(a != ["/sent", "/sent"] for a in answers):
        fail("(outbox) links not all sent: %s" % answers)
    expected = 2 * addresses
    sink.wait_for(lambda: sum(len(sink.to(a)) for a in wanted) >= expected, 90, "%d sign-in links" % expected)
    time.sleep(3)  # a mail sent twice would come a moment later
    mails = [m for a in wanted for m in sink.to(a)]
    ids = [m["message_id"] for m in mails]
    per_address = {a: len(sink.to(a)) for a in wanted}
    outbox = rows("select id, status from mail_outbox where recipient like 'drain-%d-%%'" % stamp)
    row_ids = sorted(int(r[0]) for r in outbox)
    mailed_rows = sorted(int(re.search(r"<outbox-(\d+)\.", i).group(1)) for i in ids)
    by_port = {p: sum(1 for m in mails if m["port"] == p) for p in SINK_PORTS}
    if (len(ids) != expected or len(set(ids)) != expected or set(per_address.values()) != {2}
            or mailed_rows != row_ids or any(s != "SENT" for _, s in outbox) or 0 in by_port.values()):
        fail("(outbox) %d mails, %d distinct Message-IDs, per address %s, rows %s, mailed rows %s, per node %s"
             % (len(ids), len(set(ids)), sorted(set(per_address.values())), outbox, mailed_rows, by_port))
    print("outbox: %d sign-in links to %d addresses asked of both nodes, each outbox row mailed once (Message-ID), "
          "all SENT; sent by node A %d, node B %d" % (expected, addresses, by_port[SINK_PORTS[0]], by_port[SINK_PORTS[1]]))


def case_numbers_unique(sink, clients=8, each=5):
    """Contact registrations posted concurrently to both nodes: distinct case numbers, and cases,
    process instances, documents and receipt mails agree."""
    stamp = int(time.time())
    people = ["hakija-%d-%d@faults.example" % (stamp, i) for i in range(clients)]
    openers = [portal_sign_in(PORTS[i % 2], people[i], sink) for i in range(clients)]

    def submit(i):
        return [register(openers[i], PORTS[(i + k) % 2]) for k in range(each)]

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        results = [r for batch in pool.map(submit, range(clients)) for r in batch]
    refused = [r for r in results if r[0] != "receipt"]
    if refused:
        fail("(case numbers) submissions not received: %s" % refused[:5])
    references = [r[1] for r in results]
    if len(set(references)) != len(references):
        fail("(case numbers) a case number given twice: %s" % sorted(references))
    consistent_submissions(references, [], sink, "case numbers")
    print("case numbers: %d registrations posted concurrently to both nodes got %d distinct case numbers; cases, "
          "process instances, documents and receipt mails agree" % (len(results), len(set(references))))


def consistent_submissions(references, refused_keys, sink, what, db=DB, port=5432, keys=None):
    """By SQL and in the sink: each receipt its case, process instance, document and one receipt mail
    (and, given the submission keys, each case the one of its own key); each refused submission
    nothing; no case without its instance, no organisation without a contact."""
    listed = ",".join("'%s'" % r for r in references) or "''"
    n = len(references)
    cases = sql("select count(*) from case_file where reference in (%s)" % listed, db, port)
    instances = sql("select count(distinct c.process_instance_id) from case_file c join act_hi_procinst p "
                    "on p.id_ = c.process_instance_id and p.business_key_ = c.reference where c.reference in (%s)" % listed, db, port)
    documents = sql("select count(distinct c.id) from case_file c join document d on d.case_id = c.id where c.reference in (%s)"
                    % listed, db, port)
    orphans = sql("select (select count(*) from case_file c where c.process_instance_id is null or not exists "
                  "(select 1 from act_hi_procinst p where p.id_ = c.process_instance_id)) + (select count(*) from organisation o "
                  "where o.org_type <> 'MUNICIPALITY' and not exists (select 1 from organisation_contact k where k.organisation_id = o.id))", db, port)
    if keys:
        own = sql("select count(*) from case_file where %s" % " or ".join(
            "(reference = '%s' and submission_key = '%s')" % pair for pair in zip(references, keys)), db, port)
        if own != str(n):
            fail("(%s) %d receipts, %s of them the case of their own submission key" % (what, n, own))
    left_behind = "0"
    if refused_keys:
        left_behind = sql("select count(*) from case_file where submission_key in (%s)"
                          % ",".join("'%s'" % k for k in refused_keys), db, port)
    if cases != str(n) or instances != str(n) or documents != str(n) or orphans != "0" or left_behind != "0":
        fail("(%s) %d receipts: cases %s, process instances %s, with documents %s; half-written %s; cases of refused "
             "submissions %s" % (what, n, cases, instances, documents, orphans, left_behind))
    deadline = time.time() + 90
    while time.time() < deadline:
        receipts = {r: [m for m in sink.mails if m["subject"].endswith(r) and "vastaanottaneet" in m["subject"]]
                    for r in references}
        if all(receipts.values()):
            break
        time.sleep(1)
    time.sleep(3)
    receipts = {r: [m for m in sink.mails if m["subject"].endswith(r) and "vastaanottaneet" in m["subject"]] for r in references}
    counts = {r: len(m) for r, m in receipts.items()}
    if any(c != 1 for c in counts.values()):
        fail("(%s) receipt mails per case not exactly one: %s" % (what, {r: c for r, c in counts.items() if c != 1}))


def two_nodes_at_once(what, demo):
    began = time.time()
    sink = Sink(SINK_PORTS) if demo else None
    extra = ["--silta.portal.links-per-client=1000", "--silta.mail.outbox.batch-size=5",
             "--silta.mail.outbox.poll-interval=PT1S"] if demo else []
    nodes = [start(port, demo, smtp_port=SINK_PORTS[i] if demo else 2525, extra=extra) for i, port in enumerate(PORTS)]
    try:
        wait_started(nodes, what)
        started = time.time() - began
        if demo:
            sign_in_across_nodes(what)
            rounds = start_timed_rounds(6, opens_in=15, closes_in=45)
            outbox_drained_once(sink)
            case_numbers_unique(sink)
            timers_fired_once(rounds, timeout=150)
    finally:
        for proc, _ in nodes:
            stop(proc)
        if sink:
            sink.close()
    checks = {
        "deployments": sql("select count(*) from act_re_deployment"),
        "highest model version": sql("select coalesce(max(version_), 0) from act_re_procdef"),
        "counties": sql("select count(*) from county"),
        "demo users": sql("select count(*) from act_id_user where id_ = 'aino.virtanen'"),
    }
    print("%s: both nodes started in %.0f s; %s" % (what, started, ", ".join("%s=%s" % kv for kv in checks.items())))
    if (checks["deployments"] != "1" or checks["highest model version"] != "1" or checks["counties"] == "0"
            or (demo and checks["demo users"] != "1")):
        fail("(%s) %s" % (what, checks))
    for _, log in nodes:
        os.unlink(log)


# --- check 3 -----------------------------------------------------------------------------------------

def restart_cluster(action):
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, RESTART_CLUSTER, action], check=True)


def throwaway_cluster():
    subprocess.run(["pg_dropcluster", "--stop", PG_VERSION, RESTART_CLUSTER], capture_output=True)
    subprocess.run(["pg_createcluster", PG_VERSION, RESTART_CLUSTER, "-p", str(RESTART_PG_PORT), "--",
                    "--auth-local=peer", "--auth-host=scram-sha-256"], check=True, capture_output=True)
    restart_cluster("start")
    admin("create role silta login password 'silta'", RESTART_PG_PORT)
    admin("create database %s owner silta" % DB, RESTART_PG_PORT)


def health(port, path):
    """The status a load balancer would see, or 'NO ANSWER' (timeout HEALTH_DOWN_LIMIT - 1 s)."""
    try:
        status, _, text = call(browser(), port, path, timeout=HEALTH_DOWN_LIMIT - 1)
        return json.loads(text).get("status", str(status))
    except (urllib.error.URLError, OSError, ValueError):
        return "NO ANSWER"


def postgresql_restart(clients=4):
    throwaway_cluster()
    port = PORTS[0]
    sink = Sink(SINK_PORTS[:1])
    node = None
    try:
        node = start(port, False, db_url="jdbc:postgresql://127.0.0.1:%d/%s" % (RESTART_PG_PORT, DB),
                     smtp_port=SINK_PORTS[0], extra=["--silta.mail.outbox.poll-interval=PT1S"])
        wait_started([node], "PostgreSQL restart")
        stamp = int(time.time())
        openers = [portal_sign_in(port, "restart-%d-%d@faults.example" % (stamp, i), sink) for i in range(clients)]
        results = []
        done = threading.Event()

        def submitter(opener):
            while not done.is_set():
                try:
                    outcome = register(opener, port)
                except Exception as e:  # noqa: BLE001 - counted and reported as unexpected
                    outcome = ("unexpected", "client failed: %r" % e, None)
                results.append((time.time(), outcome))
                if outcome[0] != "receipt":
                    time.sleep(0.5)

        threads = [threading.Thread(target=submitter, args=(o,), daemon=True) for o in openers]
        watching = threading.Event()
        watches = {path: [] for path in HEALTH_PATHS}

        def ask_health(path):
            asked = time.time()
            answer = health(port, path)
            watches[path].append((asked, time.time(), answer))

        def watch():
            # a new health call every 0.5 s, each on its own, as a load balancer's probes
            while not watching.is_set():
                for path in HEALTH_PATHS:
                    threading.Thread(target=ask_health, args=(path,), daemon=True).start()
                time.sleep(0.5)

        watchers = [threading.Thread(target=watch, daemon=True)]
        for t in threads + watchers:
            t.start()
        # submissions received before the database goes away, too
        deadline = time.time() + 60
        while time.time() < deadline and sum(1 for _, o in list(results) if o[0] == "receipt") < 2 * clients:
            time.sleep(0.5)
        before = sum(1 for _, o in list(results) if o[0] == "receipt")
        stopping = time.time()
        restart_cluster("stop")
        stopped = time.time()
        time.sleep(RESTART_OUTAGE)
        # PostgreSQL accepts connections before pg_ctlcluster returns: it is surely down only until the start begins
        starting = time.time()
        restart_cluster("start")
        started = time.time()
        deadline = time.time() + 60
        while time.time() < deadline and not all(any(a == "UP" and asked > started for asked, _, a in list(watches[p]))
                                                  for p in HEALTH_PATHS):
            time.sleep(0.5)
        watching.set()
        time.sleep(HEALTH_DOWN_LIMIT)
        # the first answer DOWN to a call made after the stop, counted from the stop
        down = {p: min((at - stopped for asked, at, a in watches[p] if asked >= stopped and a not in ("UP", "NO ANSWER")),
                       default=None) for p in HEALTH_PATHS}
        up = {p: min((at - started for asked, at, a in watches[p] if asked >= started and a == "UP"), default=None)
              for p in HEALTH_PATHS}
        # UP answered, to a call made after the stop, before the start began (the database surely down)
        stuck = {p: ["%.1f" % (asked - stopped) for asked, at, a in watches[p] if stopped <= asked and at < starting and a == "UP"]
                 for p in HEALTH_PATHS}
        time.sleep(8)
        done.set()
        for t in threads:
            t.join(60)
        if node[0].poll() is not None:
            fail("(PostgreSQL restart) the node died: status %s" % node[0].returncode)
        # the commit broke off: the person was told sending again is safe; it must give one receipt
        doubts = [o for _, o in results if o[0] == "doubt"]
        resent = [o[1]() for o in doubts]
        if any(r[0] != "receipt" for r in resent):
            fail("(PostgreSQL restart) sent again after the in-doubt page: %s" % [r for r in resent if r[0] != "receipt"][:5])
        receipts = [o for _, o in results if o[0] == "receipt"] + resent
        busy = [o for _, o in results if o[0] == "busy"]
        unexpected = [o for _, o in results if o[0] == "unexpected"]
        after = [o for at, o in results if o[0] == "receipt" and at > started + max([u for u in up.values() if u] or [0])]
        print("PostgreSQL restart: stop took %.1f s; health DOWN %s s and readiness DOWN %s s after the stop (limit %d s); "
              "UP again %s s and %s s after the start; submissions: %d receipts (%d before the stop, %d after recovery), %d refused with the "
              "busy page, %d in doubt and sent again, %d form pages refused, %d unexpected"
              % (stopped - stopping, fmt(down.get("/actuator/health")), fmt(down.get("/actuator/health/readiness")),
                 HEALTH_DOWN_LIMIT, fmt(up.get("/actuator/health")), fmt(up.get("/actuator/health/readiness")),
                 len(receipts), before, len(after), len(busy), len(doubts), sum(1 for _, o in results if o[0] == "page-busy"), len(unexpected)))
        if unexpected:
            fail("(PostgreSQL restart) answers other than a receipt or the busy page: %s" % unexpected[:5])
        for path in HEALTH_PATHS:
            if down[path] is None or down[path] > HEALTH_DOWN_LIMIT:
                fail("(PostgreSQL restart) %s not DOWN within %d s of the stop" % (path, HEALTH_DOWN_LIMIT))
            if stuck[path]:
                fail("(PostgreSQL restart) %s said UP while the database was stopped (s after the stop): %s"
                     % (path, stuck[path]))
            if up[path] is None:
                fail("(PostgreSQL restart) %s not UP within 60 s of the start" % path)
        if not after:
            fail("(PostgreSQL restart) no submission received after the database came back")
        consistent_submissions([o[1] for o in receipts], [o[2] for o in busy], sink, "PostgreSQL restart", keys=[o[2] for o in receipts],
                               port=RESTART_PG_PORT)
        cases = sql("select count(*) from case_file", DB, RESTART_PG_PORT)
        if cases != str(len(receipts)):
            fail("(PostgreSQL restart) %s cases stored, %d receipts given" % (cases, len(receipts)))
        print("PostgreSQL restart: every receipt has its case, process instance, document and one receipt mail; "
              "the refused left nothing behind; the node recovered by itself")
        os.unlink(node[1])
    finally:
        if node:
            stop(node[0])
        sink.close()
        subprocess.run(["pg_dropcluster", "--stop", PG_VERSION, RESTART_CLUSTER], capture_output=True)


def fmt(seconds):
    return "-" if seconds is None else "%.1f" % seconds


def main():
    only = sys.argv[1:]
    if not only or "failed-start" in only:
        failed_start_exits()
    if not only or "restart" in only:
        postgresql_restart()
    if not only or "nodes" in only:
        for round_ in (1, 2, 3):
            demo = round_ == 1
            fresh_database()
            two_nodes_at_once("round %d, empty database, demo %s" % (round_, "on" if demo else "off"), demo)
            two_nodes_at_once("round %d, existing database, demo off" % round_, False)
            if only and "once" in only:
                break
        admin("drop database if exists %s" % DB)
    print("fault checks passed")


if __name__ == "__main__":
    main()
