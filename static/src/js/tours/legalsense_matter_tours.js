/** @odoo-module **/
/* A matter with two debtors is created: it is pending until the job runner has
 * sent it, its debtors after it, then LegalSense's matter code is shown. */

import {registry} from "@web/core/registry";
import {badge, saveForm, saved} from "./legalsense_tour_utils";

function pick(field, search, name, within = ".o_form_view") {
    return [
        {
            content: `${field}: search ${search}`,
            trigger: `${within} .o_field_widget[name='${field}'] input`,
            run: `edit ${search}`,
        },
        {
            // The list shown on focus holds every record; wait for the one the
            // search filtered (the firm's own users are no longer in it).
            content: `${field}: ${name}`,
            trigger: `.o-autocomplete--dropdown-menu:not(:has(.dropdown-item:contains(Administrator))) .dropdown-item:contains(${name})`,
            run: "click",
        },
        {
            content: `${field} holds ${name}`,
            trigger: `${within} .o_field_widget[name='${field}'] input:value(${name})`,
        },
    ];
}

function debtor(index, name, percentage) {
    const row = `.o_field_widget[name='debtor_ids'] .o_data_row:eq(${index}).o_selected_row`;
    return [
        {
            content: "add a debtor",
            trigger: ".o_field_widget[name='debtor_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: `debtor line ${index + 1} is being edited`,
            trigger: row,
        },
        ...pick("partner_id", name, name, row),
        {
            content: `${name} pays ${percentage}%`,
            trigger: `${row} .o_field_widget[name='percentage'] input`,
            run: `edit ${percentage}`,
        },
    ];
}

registry.category("web_tour.tours").add("legalsense_matter_create", {
    steps: () => [
        {
            content: "a new matter",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "its name",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Jansen / huurgeschil",
        },
        ...pick("client_id", "Jansen Hold", "Jansen Holding"),
        ...debtor(0, "Jansen Holding", 60),
        ...debtor(1, "Pieters Bouw", 40),
        saveForm(),
        saved(),
        badge("pending"),
        {
            content: "the debtors wait too",
            trigger: ".o_field_widget[name='debtor_ids'] .o_data_row:eq(1) .badge.text-bg-info:contains(Pending)",
        },
    ],
});

registry.category("web_tour.tours").add("legalsense_matter_synced", {
    steps: () => [
        badge("synced"),
        {
            content: "the matter code LegalSense gave is shown",
            trigger: ".o_form_view div[name='code'] .o_field_widget[name='code'] input",
            run() {
                if (!this.anchor.value.trim()) {
                    throw new Error("The matter has no code.");
                }
            },
        },
        {
            content: "both debtors are synced",
            trigger: ".o_field_widget[name='debtor_ids'] .o_data_row:eq(1) .badge.text-bg-success:contains(Synced)",
        },
        {
            content: "the first debtor is synced as well",
            trigger: ".o_field_widget[name='debtor_ids'] .o_data_row:eq(0) .badge.text-bg-success:contains(Synced)",
        },
        {
            content: "the matter opens in LegalSense",
            trigger: ".o_form_view div[name='legalsense_status'] a.o_form_uri[href*='/matters/']:contains(Open in LegalSense)",
        },
    ],
});
