/** @odoo-module **/
/* A company with a contact person is created and sent to LegalSense: the badge
 * is light blue (pending) until the job runner has exported it, then green
 * with a link that opens the contact in LegalSense. A contact LegalSense
 * refused (red) is corrected, saved, and goes back to pending. A contact whose
 * e-mail address both Odoo and LegalSense changed shows both; taking
 * LegalSense's ends the conflict. */

import {registry} from "@web/core/registry";
import {badge, saveForm, saved} from "./legalsense_tour_utils";

registry.category("web_tour.tours").add("legalsense_partner_create", {
    steps: () => [
        {
            content: "a new contact",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "it is a company",
            trigger: ".o_form_view div[name='company_type'] input[data-value='company']",
            run: "click",
        },
        {
            content: "its name",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Bakker Transport B.V.",
        },
        {
            content: "its city",
            trigger: ".o_form_view .o_field_widget[name='city'] input",
            run: "edit Utrecht",
        },
        {
            content: "add a contact person",
            trigger: ".o_form_view .o_field_widget[name='child_ids'] .o-kanban-button-new, .o_form_view .o_field_widget[name='child_ids'] button:contains(Add)",
            run: "click",
        },
        {
            content: "a contact person, not an address",
            trigger: ".modal .o_form_view .o_field_widget[name='type'] input[data-value='contact']",
            run: "click",
        },
        {
            content: "the contact person's first name",
            trigger: ".modal .o_form_view .o_field_widget[name='firstname'] input",
            run: "edit Marieke",
        },
        {
            content: "the contact person's last name",
            trigger: ".modal .o_form_view .o_field_widget[name='lastname'] input",
            run: "edit Bakker",
        },
        {
            content: "keep the contact person",
            trigger: ".modal .o_form_button_save:contains(Save & Close)",
            run: "click",
        },
        {
            content: "the contact person is listed",
            trigger: ".o_form_view .o_field_widget[name='child_ids'] :contains(Marieke Bakker)",
        },
        saveForm(),
        saved(),
        badge("pending"),
    ],
});

registry.category("web_tour.tours").add("legalsense_partner_synced", {
    steps: () => [
        badge("synced"),
        {
            content: "no error is shown",
            trigger: ".o_form_view:not(:has(div[name='legalsense_error']))",
        },
        {
            content: "the contact opens in LegalSense, in a tab of its own",
            trigger: ".o_form_view div[name='legalsense_status'] a.o_form_uri[target='_blank'][href*='/contacts/']:contains(Open in LegalSense)",
        },
    ],
});

registry.category("web_tour.tours").add("legalsense_partner_fix_error", {
    steps: () => [
        badge("error"),
        {
            content: "LegalSense's reason is shown",
            trigger: ".o_form_view div[name='legalsense_error']:contains(Enter a valid email address.)",
        },
        {
            content: "no link to LegalSense while it failed",
            trigger: ".o_form_view div[name='legalsense_status']:not(:has(a.o_form_uri))",
        },
        {
            content: "correct the e-mail address",
            trigger: ".o_form_view .o_field_widget[name='email'] input",
            run: "edit info@dekker.example",
        },
        saveForm(),
        saved(),
        badge("pending"),
        {
            content: "the error is gone",
            trigger: ".o_form_view:not(:has(div[name='legalsense_error']))",
        },
    ],
});

registry.category("web_tour.tours").add("legalsense_partner_conflict", {
    steps: () => [
        badge("conflict"),
        {
            content: "both e-mail addresses are shown",
            trigger: ".o_form_view div[name='legalsense_conflict']:contains(odoo@jansen.example):contains(ls@jansen.example)",
        },
    ],
});

registry.category("web_tour.tours").add("legalsense_partner_conflict_take", {
    steps: () => [
        {
            content: "take LegalSense's value",
            trigger: ".o_form_view div[name='legalsense_conflict'] button[name='action_legalsense_take_legalsense_values']",
            run: "click",
        },
        badge("synced"),
        {
            content: "the contact holds LegalSense's e-mail address",
            trigger: ".o_form_view .o_field_widget[name='email'] input:value(ls@jansen.example)",
        },
        {
            content: "the conflict is gone",
            trigger: ".o_form_view:not(:has(div[name='legalsense_conflict']))",
        },
    ],
});
