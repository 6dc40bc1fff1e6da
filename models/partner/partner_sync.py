# Copyright 2026 legalsense contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every facet of the partner sync shares: the LegalSense records a
partner owns, and what one export job needs."""

import dataclasses

from ...legalsense_client import ResponseLostError, TransientError
from ...legalsense_mapping import MappingSettings
from ...legalsense_mapping.vat import EU_MEMBER_CODES
from ..sync.common import Facet, delete_if_present
from ..sync.export_batch import once_per_job

CONTACT = Facet(
    "contact",
    "contacts",
    "legalsense_contact_id",
    finder="_legalsense_find_contact",
    removal_key="contact_id",
)
CLIENT = Facet("client", "clients", "legalsense_client_id")
ADDRESS = Facet(
    "address",
    "addresses",
    "legalsense_address_id",
    finder="_legalsense_find_address",
    removal_key="address_id",
)
CONTACT_CONTACT = Facet(
    "contact_contact",
    "contactcontacts",
    "legalsense_contact_contact_id",
    finder="_legalsense_find_contact_contact",
    removal_key="contact_contact_id",
)
ADDRESS_TYPES = ("invoice", "delivery", "other")


class SyncRun:
    """What one job needs: the settings, the client and, when asked, the version."""

    def __init__(self, env, config, client):
        self.config = config
        self.client = client
        self.settings, self.eu_countries = once_per_job(
            env, ("mapping settings", config.id), lambda: self._read_settings(env)
        )
        self._version = None
        self._sources = {}
        self.done = []

    def _read_settings(self, env):
        settings = MappingSettings.from_config(self.config)
        europe = env.ref("base.europe", raise_if_not_found=False)
        codes = europe.sudo().country_ids.mapped("code") if europe else ()
        return settings, frozenset(codes) or EU_MEMBER_CODES

    @property
    def version(self):
        if self._version is None:
            self._version = self.config._get_version(self.client)
        return self._version

    def contact_source(self, partner):
        """The partner's contact source, read once per job; what the job itself
        stores on the partner (its LS ids) is kept current."""
        source = self._sources.get(partner.id)
        if source is None:
            source = self._sources[partner.id] = partner._legalsense_contact_source(
                self
            )
        return dataclasses.replace(
            source,
            ls_contact_id=partner.legalsense_contact_id or None,
            ls_client_id=partner.legalsense_client_id or None,
        )

    def note(self, facet, remote, created):
        """Remember for the job's result what happened to a LegalSense record."""
        if remote is None:
            return
        verb = "created" if created else "updated"
        self.done.append(f"{facet.resource}/{remote['id']} {verb}")

    def delete(self, resource, ls_id):
        """Delete a LegalSense record (gone already is fine) and remember it."""
        delete_if_present(self.client, resource, ls_id)
        self.done.append(f"{resource}/{ls_id} deleted")

    def summary(self):
        return "; ".join(self.done) or "Nothing changed."


def is_passing(error):
    """Whether a LegalSense error may pass by itself (the job is tried again)."""
    return isinstance(error, TransientError | ResponseLostError)
