"""The kinds of record the provider exposes, filled by each app's `oai.py`."""


class AlreadyRegistered(Exception):
    pass


class Registry:
    def __init__(self):
        self._kinds = {}

    def register(self, kind_class):
        kind = kind_class()
        for attribute in ("name", "set_spec", "set_name", "model"):
            if not getattr(kind, attribute, None):
                raise ValueError(f"{kind_class.__name__} must set {attribute}")
        if ":" in kind.set_spec or "/" in kind.name or ":" in kind.name:
            raise ValueError("a kind's name and set_spec may not contain ':' or '/'")
        for other in self._kinds.values():
            if other.name == kind.name or other.set_spec == kind.set_spec:
                raise AlreadyRegistered(f"{kind.name} / {kind.set_spec}")
        self._kinds[kind.name] = kind
        return kind_class

    def unregister(self, name):
        self._kinds.pop(name, None)

    def __iter__(self):
        return iter(sorted(self._kinds.values(), key=lambda kind: kind.name))

    def __len__(self):
        return len(self._kinds)

    def get(self, name):
        return self._kinds.get(name)

    def for_set(self, spec):
        """[(kind, subset suffix or None)] selected by a setSpec; [] when no set matches."""
        top, _sep, suffix = spec.partition(":")
        return [(kind, suffix or None) for kind in self if kind.set_spec == top]

    def for_model(self, model):
        """Kinds whose model is `model` or a parent of it (a page saved as a specific class)."""
        found = []
        for kind in self:
            try:
                kind_model = kind.get_model()
            except LookupError:
                continue
            if issubclass(model, kind_model):
                found.append(kind)
        return found


registry = Registry()
register = registry.register
