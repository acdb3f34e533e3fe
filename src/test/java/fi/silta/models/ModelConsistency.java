package fi.silta.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The conventions that tie a model's ids to the rest of Silta, checked for every model in
 * {@code processes/} (README, "Models and their parts"):
 * <ul>
 * <li>each user task and start event with a form names a form in {@code forms/} ({@code camunda:formRef});</li>
 * <li>each send task names its mail template ({@code mailTemplate} input parameter) and
 * {@code templates/mail/<name>.txt} exists with every message key it uses in fi, sv and en;</li>
 * <li>in a case's process (one a person follows on a status page), each place it can wait (user task,
 * call activity, receive task, catching event) and each end event has {@code status.<processKey>.<id>}
 * in fi, sv and en;</li>
 * <li>each {@code ${bean}} delegate expression of a task, a task listener or an execution listener
 * names a Spring bean.</li>
 * </ul>
 * Returns every problem as a line; an empty list is a consistent model.
 */
public final class ModelConsistency {

    /** One row of the README's per-model table. */
    public record Row(String processKey, String elementId, String form, String listeners, String mail, String statusKey) {
    }

    private static final Pattern BEAN = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)[(}]");

    private final Path formsDir;
    private final Path mailTemplatesDir;
    private final Map<String, Properties> bundles;
    private final Set<String> caseProcessKeys;
    private final Predicate<String> beanExists;

    /**
     * @param bundles         the message bundles by language ({@code fi}, {@code sv}, {@code en})
     * @param caseProcessKeys the keys of the processes a person follows on a status page
     */
    public ModelConsistency(Path formsDir, Path mailTemplatesDir, Map<String, Properties> bundles, Set<String> caseProcessKeys,
            Predicate<String> beanExists) {
        this.formsDir = formsDir;
        this.mailTemplatesDir = mailTemplatesDir;
        this.bundles = bundles;
        this.caseProcessKeys = caseProcessKeys;
        this.beanExists = beanExists;
    }

    public static List<Path> models(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Properties bundle(String classpathResource) {
        Properties properties = new Properties();
        try (InputStream in = ModelConsistency.class.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundle " + classpathResource);
            }
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    public List<String> problems(Path model) {
        List<String> problems = new ArrayList<>();
        BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
        for (Process process : instance.getModelElementsByType(Process.class)) {
            String key = process.getId();
            String where = model.getFileName() + " " + key;
            for (FlowNode node : flowNodes(process)) {
                checkNode(where, key, node, problems);
            }
            checkListeners(where, process, problems);
        }
        return problems;
    }

    /** The rows of the README table for one model. */
    public List<Row> rows(Path model) {
        List<Row> rows = new ArrayList<>();
        BpmnModelInstance instance = Bpmn.readModelFromFile(model.toFile());
        for (Process process : instance.getModelElementsByType(Process.class)) {
            for (FlowNode node : flowNodes(process)) {
                String form = formOf(node);
                String mail = node instanceof SendTask ? inputParameter(node, "mailTemplate") : null;
                List<String> listeners = new ArrayList<>();
                String own = beanOf(delegateExpressionOf(node));
                if (own != null) {
                    listeners.add(own);
                }
                listeners.addAll(listenerBeans(node));
                String status = caseProcessKeys.contains(process.getId()) && personCanSee(node) ? statusKey(process.getId(), node) : null;
                if (form != null || mail != null || !listeners.isEmpty() || status != null) {
                    rows.add(new Row(process.getId(), node.getId(), form, String.join(", ", listeners), mail, status));
                }
            }
        }
        return rows;
    }

    /** The flow nodes of a process, those inside its (event) subprocesses too, at any depth. */
    private static List<FlowNode> flowNodes(ModelElementInstance scope) {
        List<FlowNode> nodes = new ArrayList<>();
        for (FlowNode node : scope.getChildElementsByType(FlowNode.class)) {
            nodes.add(node);
            if (node instanceof org.camunda.bpm.model.bpmn.instance.SubProcess sub) {
                nodes.addAll(flowNodes(sub));
            }
        }
        return nodes;
    }

    private void checkNode(String where, String processKey, FlowNode node, List<String> problems) {
        String form = formOf(node);
        if (form != null && !Files.isRegularFile(formsDir.resolve(form + ".form"))) {
            problems.add(where + " " + node.getId() + ": form " + form + " is not in " + formsDir);
        }
        if (node instanceof UserTask && form == null) {
            problems.add(where + " " + node.getId() + ": a user task without camunda:formRef");
        }
        if (node instanceof SendTask) {
            String template = inputParameter(node, "mailTemplate");
            if (template == null) {
                problems.add(where + " " + node.getId() + ": a send task without a mailTemplate input parameter");
            } else {
                checkMailTemplate(where + " " + node.getId(), template, problems);
            }
        }
        String expression = delegateExpressionOf(node);
        if (expression != null) {
            checkBean(where + " " + node.getId(), expression, problems);
        }
        checkListeners(where + " " + node.getId(), node, problems);
        if (caseProcessKeys.contains(processKey) && personCanSee(node)) {
            String key = statusKey(processKey, node);
            for (var bundle : bundles.entrySet()) {
                if (!bundle.getValue().containsKey(key)) {
                    problems.add(where + " " + node.getId() + ": no status text " + key + " in " + bundle.getKey());
                }
            }
        }
    }

    private void checkListeners(String where, BaseElement element, List<String> problems) {
        for (String expression : listenerExpressions(element)) {
            checkBean(where, expression, problems);
        }
    }

    private void checkBean(String where, String expression, List<String> problems) {
        String bean = beanOf(expression);
        if (bean == null) {
            problems.add(where + ": delegate expression " + expression + " is not ${beanName}");
        } else if (!beanExists.test(bean)) {
            problems.add(where + ": no bean " + bean);
        }
    }

    private void checkMailTemplate(String where, String template, List<String> problems) {
        Path file = mailTemplatesDir.resolve(template + ".txt");
        if (!Files.isRegularFile(file)) {
            problems.add(where + ": mail template " + template + ".txt is not in " + mailTemplatesDir);
            return;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new LinkedHashSet<>();
        Matcher m = MESSAGE_KEY.matcher(text);
        while (m.find()) {
            keys.add(m.group(1));
        }
        if (keys.isEmpty()) {
            problems.add(where + ": mail template " + template + " takes no words from the bundles");
        }
        for (String key : keys) {
            for (var bundle : bundles.entrySet()) {
                if (!bundle.getValue().containsKey(key)) {
                    problems.add(where + ": mail template " + template + " uses " + key + ", missing in " + bundle.getKey());
                }
            }
        }
    }

    /** Where a person following the case sees the process stand: waits and ends (not boundary events or gateways). */
    static boolean personCanSee(FlowNode node) {
        return node instanceof UserTask || node instanceof CallActivity || node instanceof ReceiveTask
                || node instanceof IntermediateCatchEvent || node instanceof EndEvent && isNoneEnd((EndEvent) node);
    }

    /**
     * A none end event where the case can stand: not the end of a side branch that only a
     * non-interrupting boundary event starts (a reminder ends there while the task still waits).
     */
    private static boolean isNoneEnd(EndEvent end) {
        Collection<EventDefinition> definitions = end.getEventDefinitions();
        return definitions.isEmpty() && reachedFromMainFlow(end, new java.util.HashSet<>());
    }

    private static boolean reachedFromMainFlow(FlowNode node, Set<String> seen) {
        if (!seen.add(node.getId())) {
            return false;
        }
        if (node instanceof BoundaryEvent boundary) {
            return boundary.cancelActivity();
        }
        if (node.getIncoming().isEmpty()) {
            return true;
        }
        return node.getIncoming().stream().anyMatch(flow -> reachedFromMainFlow(flow.getSource(), seen));
    }

    static String statusKey(String processKey, FlowNode node) {
        return "status." + processKey + "." + node.getId();
    }

    private static String formOf(FlowNode node) {
        if (node instanceof UserTask task) {
            return task.getCamundaFormRef();
        }
        if (node instanceof StartEvent start && !(start.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.SubProcess)) {
            return start.getCamundaFormRef();
        }
        return null;
    }

    private static String delegateExpressionOf(FlowNode node) {
        if (node instanceof ServiceTask task) {
            return task.getCamundaDelegateExpression();
        }
        if (node instanceof SendTask task) {
            return task.getCamundaDelegateExpression();
        }
        return null;
    }

    private static String beanOf(String expression) {
        if (expression == null) {
            return null;
        }
        Matcher m = BEAN.matcher(expression.strip());
        return m.matches() ? m.group(1) : null;
    }

    private static List<String> listenerExpressions(BaseElement element) {
        List<String> expressions = new ArrayList<>();
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return expressions;
        }
        for (ModelElementInstance child : extensions.getElements()) {
            if (child instanceof CamundaTaskListener listener && listener.getCamundaDelegateExpression() != null) {
                expressions.add(listener.getCamundaDelegateExpression());
            }
            if (child instanceof CamundaExecutionListener listener && listener.getCamundaDelegateExpression() != null) {
                expressions.add(listener.getCamundaDelegateExpression());
            }
        }
        return expressions;
    }

    private static List<String> listenerBeans(BaseElement element) {
        return listenerExpressions(element).stream().map(ModelConsistency::beanOf).filter(b -> b != null).toList();
    }

    private static String inputParameter(BaseElement element, String name) {
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        return extensions.getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).list()
                .stream().flatMap(io -> io.getCamundaInputParameters().stream())
                .filter(p -> name.equals(p.getCamundaName())).map(CamundaInputParameter::getTextContent).map(String::strip)
                .findFirst().orElse(null);
    }

}
