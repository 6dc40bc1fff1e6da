from odoo.tests import tagged

from .admin_urls_common import BASE, AdminUrlsCase


@tagged("post_install", "-at_install")
class TestAdminUrlLetterCase(AdminUrlsCase):
    """Old bookmarks in another letter case reach the manual's pages."""

    def test_other_case_is_redirected_to_the_manuals_spelling(self):
        self.login(self.manager)
        cases = {
            "/legalsenseconfiguration.aspx": BASE,
            "/LEGALSENSECONFIGURATION.ASPX/listuser": BASE + "/ListUser",
            "/legalsenseconfiguration.aspx/list/matterstatus": BASE
            + "/List/matterstatus",
            "/legalsenseconfiguration.aspx/importchangedclients?lastChangeDate="
            "2024-01-01": BASE + "/ImportChangedClients?lastChangeDate=2024-01-01",
        }
        for path, canonical in cases.items():
            response = self.url_open(path, allow_redirects=False)
            self.assertEqual(response.status_code, 308, path)
            self.assertTrue(response.headers["Location"].endswith(canonical), path)

    def test_unknown_page_in_other_case_stays_404(self):
        self.login(self.manager)
        response = self.url_open(
            "/legalsenseconfiguration.aspx/nosuchpage", allow_redirects=False
        )
        self.assertEqual(response.status_code, 404)

    def test_redirect_leads_to_the_page(self):
        self.login(self.manager)
        response = self.url_open("/legalsenseconfiguration.aspx/list/matterstatus")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(BASE + "/List/matterstatus"))
