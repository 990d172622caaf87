"""Queries every request makes, compiled to SQL once per process and connection.

Building a QuerySet and compiling it to SQL costs several times what running the SQL does:
about 0.8 ms of CPU against 0.1 ms for the enrolment a lesson view looks up (bench/peer). A
few queries run on nearly every request (the session, the user, a lesson's route, the
reader's enrolment and progress); each is declared once as a PreparedQuery. The QuerySet is
built once with stand-in values, compiled, and kept as its SQL with the positions of those
values among the parameters; each call runs that SQL with the real values and builds model
instances the way Django's own ModelIterable does (select_related and deferred fields included).

Only int and str parameters that the ORM passes to the database unchanged can be prepared
(equality and `in` lookups); a value the ORM rewrites (`startswith`, dates) would not be
found among the parameters, and compiling says so. Queries go through Django's cursor, so
query counting and logging see them as any other.
"""

import threading
from collections.abc import Callable
from weakref import WeakKeyDictionary

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

# Stand-ins, one per parameter: values no real query passes (negative ids beyond any row's,
# strings with control characters no form accepts).
INT_STAND_IN = -2_147_480_000
STR_STAND_IN = "\x1fprepared:{name}\x1f"


class PreparedQueryError(Exception):
    pass


class _Plan:
    def __init__(self, queryset: QuerySet, stand_ins: dict[str, object], connection):
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        self.sql = sql
        self.params = list(params)
        self.positions: dict[str, list[int]] = {}
        for name, stand_in in stand_ins.items():
            found = [index for index, value in enumerate(self.params) if value == stand_in]
            if not found:
                raise PreparedQueryError(
                    f"parameter {name!r} does not reach the SQL unchanged; only int and str parameters of "
                    "equality and `in` lookups can be prepared"
                )
            self.positions[name] = found
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, connection.alias)
        self.annotations = dict(compiler.annotation_col_map or {})
        self.converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
        self.compiler = compiler


class PreparedQuery:
    """A QuerySet built by `build(**parameters)`, compiled once per process and connection.

    ENROLMENT = PreparedQuery(lambda user_id: Enrolment.objects.filter(user_id=user_id), user_id=int)
    ENROLMENT.all(user_id=7)    # [Enrolment, ...]
    ENROLMENT.first(user_id=7)  # Enrolment or None
    """

    def __init__(self, build: Callable[..., QuerySet], using: str = "default", **kinds: type):
        unsupported = {name: kind for name, kind in kinds.items() if kind not in (int, str)}
        if unsupported:
            raise PreparedQueryError(f"only int and str parameters can be prepared, not {unsupported}")
        self.build = build
        self.using = using
        self.kinds = kinds
        self._plans: WeakKeyDictionary = WeakKeyDictionary()  # connection -> _Plan
        self._lock = threading.Lock()

    def _stand_ins(self) -> dict[str, object]:
        return {
            name: INT_STAND_IN - offset if kind is int else STR_STAND_IN.format(name=name)
            for offset, (name, kind) in enumerate(self.kinds.items())
        }

    def _plan(self, connection) -> _Plan:
        plan = self._plans.get(connection)
        if plan is None:
            stand_ins = self._stand_ins()
            plan = _Plan(self.build(**stand_ins), stand_ins, connection)
            with self._lock:
                self._plans[connection] = plan
        return plan

    def rows(self, **values) -> list:
        """The rows of the query with these values, converted as the ORM converts them."""
        if values.keys() != self.kinds.keys():
            raise TypeError(f"expected the parameters {sorted(self.kinds)}, got {sorted(values)}")
        connection = connections[self.using]
        plan = self._plan(connection)
        params = list(plan.params)
        for name, positions in plan.positions.items():
            value = self.kinds[name](values[name])
            for position in positions:
                params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if plan.converters:
            rows = list(plan.compiler.apply_converters(rows, plan.converters))
        return rows

    def instance(self, row) -> Model:
        """The model instance of one of rows(): related rows and annotations set, as the ORM does."""
        plan = self._plan(connections[self.using])
        obj = plan.model.from_db(self.using, plan.init_list, row[plan.start : plan.end])
        for populator in plan.populators:
            populator.populate(row, obj)
        for name, position in plan.annotations.items():
            setattr(obj, name, row[position])
        return obj

    def column(self, name: str) -> int:
        """Where an annotation, or a field of the queried model (by attname), is in each of rows()."""
        plan = self._plan(connections[self.using])
        if name in plan.annotations:
            return plan.annotations[name]
        return plan.start + plan.init_list.index(name)

    def all(self, **values) -> list[Model]:
        return [self.instance(row) for row in self.rows(**values)]

    def first(self, **values) -> Model | None:
        rows = self.rows(**values)
        return self.instance(rows[0]) if rows else None
