"""A company whose LegalSense config talks to a simulator, for the import tests."""

import contextlib
from unittest import mock

from odoo.addons.queue_job.exception import RetryableJobError

from ..models.imports.plan import STEP_MODELS
from .common import LegalSenseSimulatorCase

OUTCOMES = ("created", "linked", "updated", "skipped", "failed")


class LegalSenseImportCase(LegalSenseSimulatorCase):
    """One simulator per class (seed data reset before each test); a company of
    its own configured against it. ``run_import`` runs an import's jobs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["legalsense.import"]
        cls.Lookup = cls.env["legalsense.lookup.value"].with_context(active_test=False)

    # ------------------------------------------------------------ running

    def run_import(self, action, **values):
        """Create, start and run an import to its end; return the run."""
        run = self.Import.create(
            {"action": action, "company_id": self.company.id, **values}
        )
        with self.trapped_jobs() as trap:
            run.action_start()
            self.perform_all(trap)
        # Some steps write in transactions of their own: read what they wrote.
        self.env.invalidate_all()
        return run

    def run_import_retried(self, action, **values):
        """``run_import`` where the job queue retries a job that asks for it
        (``RetryableJobError``) at once; returns the run and the retried jobs."""
        run = self.Import.create(
            {"action": action, "company_id": self.company.id, **values}
        )
        retried = []
        with (
            self.trapped_jobs() as trap,
            mock.patch.object(type(self.Import), "_may_retry", return_value=True),
        ):
            run.action_start()
            for _round in range(500):
                jobs, trap.enqueued_jobs = trap.enqueued_jobs, []
                if not jobs:
                    break
                for job in jobs:
                    try:
                        job.perform()
                    except RetryableJobError:
                        retried.append(job)
                        job.perform()
        self.env.invalidate_all()
        return run, retried

    @staticmethod
    def perform_all(trap, limit=500):
        """Perform the trapped jobs and the jobs they queue, until none is left."""
        for _round in range(limit):
            if not trap.enqueued_jobs:
                return
            trap.perform_enqueued_jobs()
        raise AssertionError("The import keeps queueing jobs")

    # ------------------------------------------------------------ results

    def line(self, run, step, resource=None):
        lines = run.line_ids.filtered(
            lambda line: (
                line.step == step and (resource is None or line.resource == resource)
            )
        )
        self.assertEqual(len(lines), 1, f"{step} {resource}: {lines}")
        return lines

    def counts(self, run, step, resource=None):
        """{outcome: count} of a line, only the outcomes that are not 0."""
        line = self.line(run, step, resource)
        return {outcome: line[outcome] for outcome in OUTCOMES if line[outcome]}

    def failures(self, run):
        return [(failure.legalsense_id, failure.reason) for failure in run.failure_ids]

    def assertCountsAddUp(self, run):
        """Every line counts each record it read once; each failed record has
        its failure on the run."""
        for line in run.line_ids:
            outcomes = sum(line[outcome] for outcome in OUTCOMES)
            self.assertEqual(outcomes, line.done, line.record_type)
            self.assertEqual(line.failed, len(line.failure_ids), line.record_type)

    def import_class(self, method):
        """The class of the import's model defining ``method``: the run or the
        step model of one step."""
        names = ["legalsense.import", *sorted(set(STEP_MODELS.values()))]
        classes = [
            type(self.env[name])
            for name in names
            if hasattr(type(self.env[name]), method)
        ]
        self.assertEqual(len(classes), 1, f"{method}: {classes}")
        return classes[0]

    @contextlib.contextmanager
    def failing(self, method, ls_id, error=None):
        """The import's ``method`` raises for the LegalSense record ``ls_id``
        (a record among its arguments)."""
        model_class = self.import_class(method)
        original = getattr(model_class, method)

        def fail_for_the_record(run, *args, **kwargs):
            if any(isinstance(arg, dict) and arg.get("id") == ls_id for arg in args):
                raise error or ValueError(f"Record {ls_id} is broken")
            return original(run, *args, **kwargs)

        with mock.patch.object(model_class, method, fail_for_the_record):
            yield

    def requested(self, path, **query):
        """How often the import asked ``GET path`` with (at least) ``query``."""
        query = {name: str(value) for name, value in query.items()}
        return sum(
            1
            for called, called_query in self.calls()
            if called == path and query.items() <= called_query.items()
        )

    def load(self, **resources):
        """Replace simulator resources by fixtures."""
        self.simulator.load_fixture(resources)

    def calls(self, method="GET"):
        """The paths (with query) the import called with ``method``."""
        return [
            (call["path"].removeprefix("/api/v3/"), call["query"])
            for call in self.simulator.requests
            if call["method"] == method and call["path"] != "/api/v3/token"
        ]


# ------------------------------------------------------------ LegalSense records


def ls_org(ident, name, **values):
    return {
        "id": ident,
        "is_organization": True,
        "first_name": "",
        "last_name": "",
        "name_prefix": "",
        "organization_name": name,
        "modified_date": "2026-03-01T10:00:00+00:00",
        **values,
    }


def ls_person(ident, first_name, last_name, name_prefix="", **values):
    return {
        "id": ident,
        "is_organization": False,
        "first_name": first_name,
        "last_name": last_name,
        "name_prefix": name_prefix,
        "modified_date": "2026-03-01T10:00:00+00:00",
        **values,
    }


def ls_detail(kind, value, ident=None):
    return {
        "id": ident,
        "kind": kind,
        "value": value,
        "is_billing_to_email": kind == "email_2",
        "is_billing_cc_email": kind == "email_4",
        "is_dunning_to_email": kind == "email_3",
    }


def ls_address(ident, contact, street="Keizersgracht 1", kind=1, **values):
    return {
        "id": ident,
        "contact": {"id": contact},
        "address_kind": {"id": kind},
        "address": street,
        "zipcode": "1015 CJ",
        "city": "Amsterdam",
        "country": "Nederland",
        "normalized_country": "NL",
        "address_template": 2,
        **values,
    }


def ls_link(ident, organization, person, job=""):
    return {
        "id": ident,
        "organization": {"id": organization},
        "person": {"id": person},
        "job_description": job,
    }


def ls_client(ident, contact, name, **values):
    return {"id": ident, "contact": {"id": contact}, "name": name, **values}


class LegalSenseImportDataCase(LegalSenseImportCase):
    """With the LegalSense lookup lists of the seed data already in Odoo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        lists = {
            "address_kind": ["Postadres", "Bezoekadres", "Factuuradres", "Vorig adres"],
            "activity_role": ["Cliënt", "Wederpartij", "Advocaat wederpartij"],
            "referral": ["Website", "Bestaande cliënt", "Netwerk"],
            "segment": ["Zakelijke dienstverlening", "Bouw", "Zorg", "Overheid"],
            "matter_type": ["Advies", "Procedure", "Transactie"],
            "area_of_law": ["Arbeidsrecht", "Ondernemingsrecht"],
        }
        cls.lookups = {}
        for lookup_type, names in lists.items():
            for ident, name in enumerate(names, start=1):
                cls.lookups[lookup_type, ident] = cls.Lookup.create(
                    {
                        "lookup_type": lookup_type,
                        "name": name,
                        "code": str(ident),
                        "legalsense_id": ident,
                    }
                )
        cls.Partner = cls.env["res.partner"].with_context(active_test=False)

    def partner(self, contact_id):
        """The top-level partner of an LS contact."""
        partners = self.Partner.search(
            [
                ("legalsense_contact_id", "=", contact_id),
                ("legalsense_contact_contact_id", "=", 0),
            ]
        )
        self.assertEqual(len(partners), 1, partners)
        return partners

    def address(self, address_id):
        return self.Partner.search([("legalsense_address_id", "=", address_id)])
