package fi.silta.notifications;

import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /staff/mail: the outbox for administrators (failed mails first, send again);
 * /staff/mailbox: what the demo run's mail sink received.
 */
@Controller
public class MailStaffController {

    private final MailOutbox outbox;
    private final ObjectProvider<MailSink> mailSink;

    public MailStaffController(MailOutbox outbox, ObjectProvider<MailSink> mailSink) {
        this.outbox = outbox;
        this.mailSink = mailSink;
    }

    @GetMapping("/staff/mail")
    String outbox(@RequestParam(name = "status", required = false) Optional<OutboxMail.Status> status, Model model) {
        model.addAttribute("status", status.orElse(null));
        model.addAttribute("statuses", OutboxMail.Status.values());
        model.addAttribute("failed", outbox.count(OutboxMail.Status.FAILED));
        model.addAttribute("pending", outbox.count(OutboxMail.Status.PENDING));
        List<OutboxMail> mails = outbox.list(status.orElse(null), 200);
        model.addAttribute("mails", mails);
        model.addAttribute("attachments", outbox.attachments(mails));
        return "staff/mail";
    }

    @PostMapping("/staff/mail/{id}/resend")
    String resend(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", outbox.resend(id) ? "mail.outbox.resent" : "mail.outbox.notResent");
        return "redirect:/staff/mail";
    }

    @GetMapping("/staff/mailbox")
    String mailbox(Model model) {
        MailSink sink = mailSink.getIfAvailable();
        if (sink == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("mails", sink.received());
        return "staff/mailbox";
    }
}
