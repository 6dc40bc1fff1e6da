from . import legalsense_configuration_page
from . import legalsense_configuration_start
from . import legalsense_configuration_lists
from . import legalsense_configuration_actions
from . import legalsense_configuration
