# The partner model, then what it owns in LegalSense one facet a file, then
# the models around it.
from . import res_partner
from . import res_partner_numbering
from . import res_partner_source
from . import res_partner_contact
from . import res_partner_client
from . import res_partner_address
from . import res_partner_contact_contact
from . import res_partner_removal
from . import res_partner_matters
from . import res_partner_bank
from . import res_partner_industry
from . import res_partner_category
