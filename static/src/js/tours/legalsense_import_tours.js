/** @odoo-module **/
/* The import wizard's dry run: what an import would do, nothing written. */

import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("legalsense_import_dry_run", {
    steps: () => [
        {
            content: "the wizard finds the integration on: no warning",
            trigger: ".modal .o_form_view:not(:has(.alert-warning))",
        },
        {
            content: "import the lookup items only",
            trigger: ".modal .o_field_widget[name='action'] .o_radio_item:contains(Lookup items only) input",
            run: "click",
        },
        {
            content: "as a dry run",
            trigger: ".modal .o_field_widget[name='dry_run'] input",
            run: "click",
        },
        {
            content: "start it",
            trigger: ".modal .modal-footer button[name='action_import']",
            run: "click",
        },
        {
            content: "the run opens, queued for the job runner",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Queued)",
        },
    ],
});

registry.category("web_tour.tours").add("legalsense_import_dry_run_done", {
    steps: () => [
        {
            content: "the run is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "it was a dry run",
            trigger: ".o_form_view .o_field_widget[name='dry_run'] input:checked",
        },
        {
            content: "its summary says what it would do",
            trigger: ".o_form_view .o_field_widget[name='summary']:contains(Dry run)",
        },
    ],
});
