def write_customers_xlsx(*a, **k): raise NotImplementedError
