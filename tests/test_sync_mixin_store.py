from odoo.tools import SQL

from .partner_common import LegalSensePartnerCase


class TestSyncMixinStore(LegalSensePartnerCase):
    """LegalSense ids are written to the database, not only to the cache."""

    def stored_in_database(self, record, column):
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM %s WHERE id = %s",
                SQL.identifier(column),
                SQL.identifier(record._table),
                record.id,
            )
        )
        return self.env.cr.fetchone()[0]

    def test_store_reaches_the_database(self):
        partner = self.Partner.create({"name": "Opslag B.V.", "is_company": True})
        partner._legalsense_store(
            {"legalsense_contact_id": 4242, "legalsense_sync_data": {"contact": {}}}
        )
        self.assertEqual(partner.legalsense_contact_id, 4242)
        self.assertEqual(
            self.stored_in_database(partner, "legalsense_contact_id"), 4242
        )

    def test_store_does_not_queue_an_export(self):
        partner = self.Partner.create({"name": "Stil B.V.", "is_company": True})
        with self.trapped_jobs() as trap:
            partner._legalsense_store({"legalsense_contact_id": 7})
        trap.assert_jobs_count(0)
