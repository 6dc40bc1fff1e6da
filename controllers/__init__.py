from . import legalsense_configuration
