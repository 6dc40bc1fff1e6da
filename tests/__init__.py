from . import test_legalsense_config_fields
from . import test_legalsense_config_validation
from . import test_legalsense_config_secrets
from . import test_legalsense_config_connection
from . import test_legalsense_config_cleanup
from . import test_legalsense_config_access
from . import test_partner_sync_acceptance
from . import test_partner_sync_contacts
