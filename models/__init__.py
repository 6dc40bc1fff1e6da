from . import legalsense_secret
from . import legalsense_config
