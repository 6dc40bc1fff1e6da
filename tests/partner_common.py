"""A company with a LegalSense config talking to a simulator, for the partner tests."""

from odoo import Command

from .common import LegalSenseSimulatorCase

LS_USER_JAN = 2  # simulator seed: jdevries
LS_USER_ANNE = 3  # simulator seed: abakker
POSTAL_KIND = 1  # simulator seed address kinds: Postadres
VISITOR_KIND = 2  # Bezoekadres
INVOICE_KIND = 3  # Factuuradres


class LegalSensePartnerCase(LegalSenseSimulatorCase):
    """One simulator per class; a company of its own whose config points to it.

    Jobs run through ``trap_jobs``: ``self.run_jobs(callable)`` enqueues
    what the callable does and performs it. The sync stores LegalSense ids
    in a transaction of its own; in tests that cursor joins the test's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.nl = cls.env.ref("base.nl")
        cls.de = cls.env.ref("base.de")
        cls.us = cls.env.ref("base.us")
        cls.Lookup = cls.env["legalsense.lookup.value"]
        cls.postal_kind = cls.Lookup.create(
            {
                "lookup_type": "address_kind",
                "name": "Postadres",
                "code": "POST",
                "legalsense_id": POSTAL_KIND,
            }
        )
        cls.invoice_kind = cls.Lookup.create(
            {
                "lookup_type": "address_kind",
                "name": "Factuuradres",
                "code": "FACTUUR",
                "legalsense_id": INVOICE_KIND,
            }
        )

    # ------------------------------------------------------------ jobs

    def run_jobs(self, action):
        """Do ``action()`` and perform the jobs it queued; return its result."""
        with self.trapped_jobs() as trap:
            result = action()
            trap.perform_enqueued_jobs()
        return result

    def queued(self, action):
        """The jobs ``action()`` queues (trapped, not performed)."""
        with self.trapped_jobs() as trap:
            action()
        return trap

    # ------------------------------------------------------------ simulator

    def calls(self):
        """The API calls since the last reset, without authentication."""
        return [
            (call["method"], call["path"].removeprefix("/api/v3/"), call["body"])
            for call in self.simulator.requests
            if call["path"] != "/api/v3/token"
        ]

    def call_lines(self):
        """``"METHOD path"`` of each call, in order."""
        return [f"{method} {path}" for method, path, _body in self.calls()]

    def bodies(self, method, path):
        return [body for m, p, body in self.calls() if (m, p) == (method, path)]

    def body(self, method, path):
        """The one body sent with ``method path``."""
        bodies = self.bodies(method, path)
        self.assertEqual(len(bodies), 1, f"{method} {path}: {self.call_lines()}")
        return bodies[0]

    def stored(self, resource, ident=None):
        """The simulator's records of ``resource`` (or one of them)."""
        records = {
            record["id"]: record
            for record in self.simulator.dump_state().get(resource, [])
        }
        return records[ident] if ident is not None else list(records.values())

    def forget_calls(self):
        self.simulator.clear_requests()

    # ------------------------------------------------------------ records

    def set_config(self, **values):
        self.config.write(values)

    def custom_field_definitions(self, resource, **widgets):
        """Replace LegalSense's custom field definitions: ``name=widget``."""
        self.simulator.load_fixture(
            {
                resource: [
                    {
                        "id": ident,
                        "identifier": f"field_{ident}",
                        "name": name,
                        "widget": widget,
                        "active": True,
                    }
                    for ident, (name, widget) in enumerate(widgets.items(), 1)
                ]
            }
        )

    @classmethod
    def ls_ref(cls, record, external_id, application="LEGALSENSE", code=None):
        return cls.env["legalsense.external.ref"].create(
            {
                "res_model": record._name,
                "res_id": record.id,
                "application": application,
                "external_id": str(external_id) if external_id else False,
                "external_code": code or False,
            }
        )

    @classmethod
    def ls_user(cls, login, ls_id):
        """An internal user with its LegalSense user id (LEGALSENSE reference)."""
        user = cls.env["res.users"].create(
            {
                "name": login.title(),
                "login": login,
                "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        cls.ls_ref(user, ls_id)
        return user

    def company_values(self, **values):
        return {
            "name": "Jansen Holding",
            "is_company": True,
            "street": "Keizersgracht 1",
            "zip": "1015 CJ",
            "city": "Amsterdam",
            "country_id": self.nl.id,
            "lang": "en_US",
            **values,
        }

    def person_values(self, **values):
        return {
            "firstname": "Jan",
            "infix": "de",
            "lastname": "Vries",
            "lang": "en_US",
            **values,
        }

    def create_synced(self, values):
        """A partner created and exported (its jobs performed)."""
        return self.run_jobs(lambda: self.Partner.create(values))
