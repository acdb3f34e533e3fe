package fi.silta.portal;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fi.silta.cases.CaseAccess;
import fi.silta.cases.CaseFile;
import fi.silta.cases.OutsiderTasks;
import fi.silta.cases.OutsiderTasks.OutsiderTask;
import fi.silta.portal.forms.FormDefinition;
import fi.silta.portal.forms.FormOptions;
import fi.silta.portal.forms.FormRegistry;
import fi.silta.portal.forms.FormRenderer;
import fi.silta.portal.forms.FormSubmission;
import fi.silta.portal.forms.FormVariables;
import fi.silta.web.InvalidInput;

/**
 * An outsider's task of a case (a BPMN user task of candidate group {@code external}): its
 * Camunda Form rendered from its {@code formRef}, validated on the server, completed in the engine.
 * Files of the form become documents of the case.
 */
@Controller
public class OutsiderTaskController {

    private final CaseAccess access;
    private final OutsiderTasks tasks;
    private final FormRegistry forms;
    private final FormRenderer renderer;
    private final PortalForms portalForms;
    private final PortalSubmissions submissions;
    private final MessageSource messages;

    public OutsiderTaskController(CaseAccess access, OutsiderTasks tasks, FormRegistry forms, FormRenderer renderer,
            PortalForms portalForms, PortalSubmissions submissions, MessageSource messages) {
        this.access = access;
        this.tasks = tasks;
        this.forms = forms;
        this.renderer = renderer;
        this.portalForms = portalForms;
        this.submissions = submissions;
        this.messages = messages;
    }

    @GetMapping("/portal/cases/{reference}/tasks/{taskId}")
    String form(@PathVariable String reference, @PathVariable String taskId,
            @RequestParam(name = "token", required = false) String token, Authentication contact, Model model, Locale locale) {
        CaseFile caseFile = access.resolve(reference, token, contact).orElseThrow(CaseNotFound::new);
        OutsiderTask task = tasks.find(caseFile, taskId).orElseThrow(CaseNotFound::new);
        FormDefinition form = forms.get(task.formId());
        page(model, caseFile, task, token, locale);
        model.addAttribute("form", renderer.render(form, tasks.values(taskId), FormOptions.NONE, locale));
        return "portal/form-page";
    }

    @PostMapping("/portal/cases/{reference}/tasks/{taskId}")
    String submit(@PathVariable String reference, @PathVariable String taskId, HttpServletRequest request,
            HttpServletResponse response, Authentication contact, Model model, Locale locale, RedirectAttributes redirect) {
        FormSubmission submission = FormSubmission.of(request);
        String token = submission.first("token");
        CaseFile caseFile = access.resolve(reference, token, contact).orElseThrow(CaseNotFound::new);
        OutsiderTask task = tasks.find(caseFile, taskId).orElse(null);
        if (task == null) {
            // done already (a second click), its time ended, or never this case's: the status page tells what is open
            redirect.addFlashAttribute("notice", "status.taskClosed");
            return "redirect:" + CaseStatusController.link("/portal/cases/" + reference, token);
        }
        FormDefinition form = forms.get(task.formId());
        Map<String, Object> variables = tasks.values(taskId);
        PortalForms.Checked checked = portalForms.check(form, submission, variables, FormOptions.NONE);
        String by = PortalSubmissions.actingPerson(caseFile, contact);
        // the one rule of who may act for an organisation (PortalSubmissions), also for its cases' tasks
        InvalidInput notAllowed = submissions.mayAnswerFor(caseFile, by);
        if (notAllowed != null) {
            checked = checked.withErrors(notAllowed);
        }
        if (checked.errors() == null) {
            try {
                tasks.complete(caseFile, taskId, FormVariables.forEngine(form, checked.result().values()), checked.uploads(), by,
                        contact != null);
                redirect.addFlashAttribute("notice", "status.taskDone");
                return "redirect:" + CaseStatusController.link("/portal/cases/" + reference, token);
            } catch (InvalidInput rules) {
                checked = checked.withErrors(rules);
            }
        }
        response.setStatus(422);
        page(model, caseFile, task, token, locale);
        model.addAttribute("form", renderer.render(form, variables, submission, checked.errors(), FormOptions.NONE, locale));
        return "portal/form-page";
    }

    private void page(Model model, CaseFile caseFile, OutsiderTask task, String token, Locale locale) {
        model.addAttribute("caseReference", caseFile.reference());
        model.addAttribute("title", messages.getMessage("form." + task.formId() + ".title", null, task.name(), locale));
        model.addAttribute("submitLabel", messages.getMessage("form." + task.formId() + ".submit", null,
                messages.getMessage("form.submit", null, locale), locale));
        model.addAttribute("action", "/portal/cases/" + caseFile.reference() + "/tasks/" + task.id());
        model.addAttribute("token", token);
    }
}
