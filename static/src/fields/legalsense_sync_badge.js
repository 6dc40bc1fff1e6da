/** @odoo-module **/
// Copyright 2026 legalsense contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {BadgeField, badgeField} from "@web/views/fields/badge/badge_field";
import {registry} from "@web/core/registry";

/**
 * The LegalSense sync status badge: a badge whose tooltip is the last sync
 * error (or what the colour means).
 */
export class LegalsenseSyncBadge extends BadgeField {
    static template = "legalsense.SyncBadge";

    get title() {
        const data = this.props.record.data;
        return data.legalsense_sync_error || this.formattedValue;
    }
}

registry.category("fields").add("legalsense_sync_badge", {
    ...badgeField,
    component: LegalsenseSyncBadge,
    fieldDependencies: [{name: "legalsense_sync_error", type: "text"}],
});
