# The Odoo-free packages of this addon (legalsense_client, legalsense_mapping,
# legalsense_simulator) are also imported on their own: by plain pytest and by
# the simulator's command line. The Odoo parts load only as the Odoo addon.
if __name__.startswith("odoo.addons."):
    from . import controllers
    from . import models
    from . import wizards
