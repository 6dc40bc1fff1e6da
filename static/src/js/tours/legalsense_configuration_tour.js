/** @odoo-module **/
/* The start page of /LegalSenseConfiguration.aspx, as the test sets it up:
 * LegalSense 18.120 answering, partners 2 synced, 1 pending, 1 failed. */

import {registry} from "@web/core/registry";

function count(state, number) {
    return {
        content: `${number} partner(s) ${state}`,
        trigger: `.o_legalsense_sync_count[data-model='res.partner'][data-state='${state}'] a:contains(/^${number}$/)`,
    };
}

registry.category("web_tour.tours").add("legalsense_configuration_start_page", {
    steps: () => [
        {
            content: "LegalSense answered with its version",
            trigger: ".o_legalsense_connection .o_legalsense_version:contains(18.120)",
        },
        count("synced", 2),
        count("pending", 1),
        count("failed", 1),
        {
            content: "the sync health is one click away",
            trigger: ".o_legalsense_sync_health a:contains(Sync health)",
        },
        {
            content: "the failed job is counted",
            trigger: ".o_legalsense_jobs .o_legalsense_jobs_failed:contains(/^1$/)",
        },
        {
            content: "open the matter statuses",
            trigger: ".o_legalsense_lists a:contains(Matter statuses)",
            run: "click",
        },
        {
            content: "the matter statuses of LegalSense are listed",
            trigger: ".o_legalsense_list td:contains(Gearchiveerd)",
        },
    ],
});
