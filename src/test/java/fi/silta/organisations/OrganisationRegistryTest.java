package fi.silta.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fi.silta.organisations.OrganisationService.NewContact;
import fi.silta.organisations.OrganisationService.NewOrganisation;
import fi.silta.support.SiltaIntegrationTest;
import fi.silta.support.StaffClient;
import fi.silta.web.InvalidInput;

@SiltaIntegrationTest
class OrganisationRegistryTest {

    @LocalServerPort int port;
    @Autowired OrganisationService service;
    @Autowired OrganisationRepository organisations;
    @Autowired ReferenceData referenceData;

    @Test
    void everyBrokenRuleIsReportedAndNothingIsStored() {
        long before = organisations.count();
        assertThatThrownBy(() -> service.register(new NewOrganisation(" ", "1234567-2", OrganisationType.REGISTERED_ASSOCIATION,
                null, List.of("564", "999"))))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::field, InvalidInput.FieldError::messageKey)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple("name", "validation.required"),
                                org.assertj.core.groups.Tuple.tuple("businessId", "validation.businessId"),
                                org.assertj.core.groups.Tuple.tuple("municipalities", "validation.municipality")));
        assertThat(organisations.count()).isEqualTo(before);
    }

    @Test
    void registeredAssociationNeedsABusinessIdButAGroupDoesNot() {
        assertThatThrownBy(() -> service.register(new NewOrganisation("Yhdistys", null, OrganisationType.REGISTERED_ASSOCIATION,
                null, List.of())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("businessId")));
        long id = service.register(new NewOrganisation("Lukupiiri", null, OrganisationType.UNREGISTERED_GROUP, null, List.of("564")));
        assertThat(organisations.find(id).orElseThrow().municipalityCodes()).containsExactly("564");
    }

    @Test
    void aBusinessIdIsRegisteredOnceAndStoredInItsNormalForm() {
        assertThatThrownBy(() -> service.register(new NewOrganisation("Toinen", "2145876-6", OrganisationType.REGISTERED_ASSOCIATION,
                null, List.of())))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                        .containsExactly("validation.businessId.taken"));
        String unique = fi.silta.support.TestBusinessIds.uniqueWithLeadingZero();
        long id = service.register(new NewOrganisation("Vanha säätiö", unique.substring(1), OrganisationType.FOUNDATION, null, List.of()));
        assertThat(organisations.find(id).orElseThrow().businessId()).isEqualTo(unique);
    }

    @Test
    void contactsAreCheckedAndStartUnverified() {
        long id = service.register(new NewOrganisation("Kuoro", null, OrganisationType.UNREGISTERED_GROUP, null, List.of()));
        assertThatThrownBy(() -> service.addContact(id, new NewContact("Laulaja", "ei-osoite", null, "fi")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::messageKey)
                        .containsExactly("validation.email"));
        long contactId = service.addContact(id, new NewContact("Laulaja", " Laulaja@Kuoro.Example ", null, "sv"));
        Contact contact = organisations.contact(contactId).orElseThrow();
        assertThat(contact.email()).isEqualTo("laulaja@kuoro.example");
        assertThat(contact.language()).isEqualTo("sv");
        assertThat(contact.verification()).isEqualTo(Verification.UNVERIFIED);
        assertThatThrownBy(() -> service.addContact(id, new NewContact("Toinen", "LAULAJA@kuoro.example", null, "fi")))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void referenceDataHoldsEveryMunicipalityAndTheServedCounty() {
        assertThat(referenceData.municipalityCount()).isEqualTo(293);
        assertThat(referenceData.servedCounty().nameFi()).isEqualTo("Pohjois-Pohjanmaan hyvinvointialue");
        List<Municipality> served = referenceData.servedMunicipalities(java.util.Locale.forLanguageTag("sv"));
        assertThat(served).hasSize(30);
        assertThat(served).extracting(Municipality::nameSv).contains("Uleåborg", "Brahestad");
        assertThat(referenceData.load()).as("loading again changes nothing").isEqualTo(293);
        assertThat(referenceData.municipalityCount()).isEqualTo(293);
    }

    @Test
    void staffSearchAndOpenAnOrganisationInTheirLanguage() {
        StaffClient reviewer = new StaffClient(port);
        reviewer.signIn("mikko.korhonen", "silta-demo");
        String list = reviewer.get("/staff/organisations?q=raahen").body();
        assertThat(list).contains("Raahen Mielenterveysyhdistys ry").doesNotContain("Kuusamon Nuorisotyön Tuki ry");
        assertThat(reviewer.get("/staff/organisations?q=2456318").body()).contains("Pohjois-Pohjanmaan Ruoka-apuverkosto ry");
        long id = organisations.findByBusinessId("2456318-2").orElseThrow().id();
        String page = reviewer.get("/staff/organisations/" + id + "?lang=sv").body();
        assertThat(page).contains("lang=\"sv\"", "Registrerad förening", "Uleåborg", "anna.lindqvist@ruoka-apu.example", "Kontrollerad");
        assertThat(reviewer.get("/staff/organisations/999999").statusCode()).isEqualTo(404);
        // a NUL in the search finds nothing, also on PostgreSQL (which cannot compare one)
        assertThat(reviewer.get("/staff/organisations?q=%00raahen").statusCode()).isEqualTo(200);
    }

    @Test
    void aNameWrittenRightToLeftIsIsolatedOnStaffPages() {
        String name = "\u062c\u0645\u0639\u064a\u0629 " + System.nanoTime() + " ry";
        long id = service.register(new NewOrganisation(name, null, OrganisationType.UNREGISTERED_GROUP, null, List.of()));
        StaffClient reviewer = new StaffClient(port);
        reviewer.signIn("mikko.korhonen", "silta-demo");
        String page = reviewer.get("/staff/organisations/" + id).body();
        assertThat(page).contains("<title>\u2068" + name + "\u2069 – Silta</title>", "<h1 dir=\"auto\">" + name + "</h1>");
        assertThat(reviewer.get("/staff/organisations?q=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)).body())
                .contains("dir=\"auto\">" + name + "</a>");
    }
}
