package fi.silta.portal;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fi.silta.web.EmailAddresses;
import fi.silta.cases.CaseAccess;
import fi.silta.cases.CaseFile;
import fi.silta.cases.CaseRepository;
import fi.silta.organisations.Contact;
import fi.silta.organisations.OrganisationRepository;
import fi.silta.organisations.Verification;

/** The portal's open pages, sign-in pages and "my cases". */
@Controller
public class PortalController {

    private final CaseRepository cases;
    private final CaseAccess access;
    private final OrganisationRepository organisations;
    private final PortalProperties properties;
    private final List<FrontPageSection> frontPage;
    private final List<MyCasesSection> myCases;

    public PortalController(CaseRepository cases, CaseAccess access, OrganisationRepository organisations,
            PortalProperties properties, List<FrontPageSection> frontPage, List<MyCasesSection> myCases) {
        this.frontPage = frontPage;
        this.myCases = myCases;
        this.cases = cases;
        this.access = access;
        this.organisations = organisations;
        this.properties = properties;
    }

    /** What is open now (each procedure's {@link FrontPageSection}) and how to start. */
    @GetMapping("/")
    String front(Model model, java.util.Locale locale) {
        model.addAttribute("sections", frontPage.stream().flatMap(s -> s.frontPage(locale).stream()).toList());
        return "portal/front";
    }

    @GetMapping("/portal/login")
    String signIn(@RequestParam(name = "invalidEmail", required = false) String invalidEmail,
            @RequestParam(name = "needed", required = false) String needed, Model model) {
        model.addAttribute("needed", needed != null);
        model.addAttribute("invalidEmail", invalidEmail != null);
        model.addAttribute("emailProblem", "local".equals(invalidEmail) ? EmailAddresses.LOCAL_PART : EmailAddresses.INVALID);
        return "portal/login";
    }

    @GetMapping("/portal/login/sent")
    String linkSent(Model model) {
        model.addAttribute("minutes", properties.signInLinkValidity().toMinutes());
        return "portal/login-sent";
    }

    /** The link in the mail opens this page; signing in takes a click (so mail scanners cannot use the link up). */
    @GetMapping(PortalSecurityConfig.SIGN_IN_URL)
    String confirmSignIn(@RequestParam(name = "token", required = false) String token, Model model) {
        model.addAttribute("token", token == null ? "" : token);
        return "portal/login-confirm";
    }

    /** The signed-in contact's own cases, and the organisation's cases once the contact is verified. */
    @GetMapping("/portal/my")
    String myCases(Authentication contact, Model model, java.util.Locale locale) {
        String email = contact.getName();
        List<CaseFile> own = cases.byContactEmail(email);
        java.util.Map<Long, CaseFile> visible = new java.util.LinkedHashMap<>();
        own.forEach(c -> visible.put(c.id(), c));
        // the organisations of the contact's own cases and those the address is a verified contact of (a municipality's
        // contact a coordinator added directly has no case of its own); cases whose procedure names them members too
        java.util.stream.Stream.concat(own.stream().map(CaseFile::organisationId).filter(java.util.Objects::nonNull),
                        organisations.contactsByEmail(email).stream().filter(c -> c.verification() == Verification.VERIFIED)
                                .map(Contact::organisationId)).distinct()
                .flatMap(org -> access.casesOfOrganisation(org).stream())
                .filter(c -> access.isVerifiedMember(email, c))
                .forEach(c -> visible.putIfAbsent(c.id(), c));
        List<Contact> contacts = own.stream().map(CaseFile::contactId).filter(java.util.Objects::nonNull).distinct()
                .map(organisations::contact).flatMap(java.util.Optional::stream).toList();
        model.addAttribute("email", email);
        model.addAttribute("cases", List.copyOf(visible.values()));
        model.addAttribute("verified", contacts.stream().anyMatch(c -> c.verification() == Verification.VERIFIED));
        model.addAttribute("registered", !contacts.isEmpty());
        model.addAttribute("sections", myCases.stream().flatMap(s -> s.myCases(email, locale).stream()).toList());
        return "portal/my";
    }

    @GetMapping("/saavutettavuus")
    String accessibility() {
        return "portal/accessibility";
    }

    @GetMapping("/tietosuoja")
    String privacy() {
        return "portal/privacy";
    }
}
