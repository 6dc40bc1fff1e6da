/** @odoo-module **/
/* Steps the LegalSense tours share: the sync status badge of a form. */

const STATES = {
    pending: ["Pending", "text-bg-info"],
    synced: ["Synced", "text-bg-success"],
    error: ["Error", "text-bg-danger"],
    conflict: ["Conflict", "text-bg-primary"],
};

export function badge(state) {
    const [label, colour] = STATES[state];
    return {
        content: `the LegalSense badge says ${label}`,
        trigger: `.o_form_view div[name='legalsense_status'] .o_field_legalsense_sync_badge .badge.${colour}:contains(/^${label}$/)`,
    };
}

export function saveForm() {
    return {
        content: "save the record",
        trigger: ".o_form_view .o_form_button_save",
        run: "click",
    };
}

export function saved() {
    return {
        content: "the record is saved",
        trigger: ".o_form_view .o_form_saved",
    };
}
