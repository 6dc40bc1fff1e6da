from . import legalsense_import_wizard
