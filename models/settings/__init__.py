# The settings of legalsense.config: the model, then one file per group of
# the manual's Configuration Reference, then the actions the settings start.
from . import legalsense_config
from . import legalsense_config_authentication
from . import legalsense_config_import
from . import legalsense_config_debug
from . import legalsense_config_addresses
from . import legalsense_config_contacts
from . import legalsense_config_matters
from . import legalsense_config_archive
from . import legalsense_config_custom_fields
from . import legalsense_config_import_actions
from . import legalsense_config_resync
