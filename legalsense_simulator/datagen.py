"""Generated, deterministic data sets of contacts, addresses, clients and matters."""


def generate(store, **options):
    raise NotImplementedError
