"""KPIs in the review: the table of the week's values with their history, and the dialog
that types one (pick the KPI, type a number, enter saves it).

The value is saved by `record_kpi` in a worker; a value it refuses (not a
number) is shown in the dialog, where it was typed, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Sparkline
from textual.widgets.option_list import Option

from cockpit.tui.plain import plain, plain_lines
from cockpit.tui.screens.dialog import DialogScreen

if TYPE_CHECKING:
    from cockpit.domain.review import Review
    from cockpit.services.context import Cockpit
    from cockpit.services.review import KpiHistory


def number_text(value: float, *, grouping: bool = True) -> str:
    """12400.0 -> "12,400" (or "12400"); 0.25 -> "0.25"."""
    if value == int(value):
        return f"{int(value):,}" if grouping else str(int(value))
    text = f"{value:,.4f}" if grouping else f"{value:.4f}"
    return text.rstrip("0").rstrip(".")


def target_text(kpi: KpiHistory) -> str:
    if kpi.target is None:
        return "–"
    return ("≥ " if kpi.direction == "up" else "≤ ") + number_text(kpi.target)


def on_target(kpi: KpiHistory) -> bool | None:
    """Whether this week's value meets the target (None: no value or no target)."""
    if kpi.value is None or kpi.target is None:
        return None
    return kpi.value >= kpi.target if kpi.direction == "up" else kpi.value <= kpi.target


SPARK_WIDTH = 12


def spark_data(history: tuple[tuple[str, float], ...]) -> list[float]:
    """The values, each repeated so that every column of the sparkline has one."""
    values = [value for _, value in history]
    if not values:
        return []
    repeat = -(-SPARK_WIDTH // len(values))
    return [value for value in values for _ in range(repeat)]


class KpiTable(Vertical):
    """One row per KPI: system, KPI, this week's value, target, and a sparkline of its history."""

    def show(self, kpis: Sequence[KpiHistory]) -> None:
        self.remove_children()
        if not kpis:
            self.mount(Label("No KPIs yet: give a system its KPIs.", classes="review-muted"))
            return
        head = [Content("system"), Content("KPI"), Content("this week")]
        rows = [self._row(head[0], head[1], head[2], "target", None, "review-kpi-head")]
        for kpi in kpis:
            tone = {True: "$success", False: "$warning", None: ""}[on_target(kpi)]
            value = "–" if kpi.value is None else f"{number_text(kpi.value)} {kpi.unit}".strip()
            rows.append(
                self._row(
                    plain(kpi.system_name),
                    plain(kpi.name),
                    plain(value, tone),
                    target_text(kpi),
                    kpi,
                )
            )
        self.mount_all(rows)

    @staticmethod
    def _row(
        system: Content,
        name: Content,
        value: Content,
        target: str,
        kpi: KpiHistory | None,
        *classes: str,
    ) -> Horizontal:
        if kpi is None:
            history: Label | Sparkline = Label("history", classes="review-kpi-spark")
        elif kpi.history:
            history = Sparkline(spark_data(kpi.history), classes="review-kpi-spark")
        else:
            history = Label("no history", classes="review-kpi-spark review-muted")
        return Horizontal(
            Label(system, classes="review-kpi-system"),
            Label(name, classes="review-kpi-name"),
            Label(value, classes="review-kpi-value"),
            Label(target, classes="review-kpi-target"),
            history,
            classes=" ".join(("review-kpi-row", *classes)),
        )


@dataclass(frozen=True, slots=True)
class KpiEntry:
    """What the dialog saved: the KPI and its new value for the week (None: cleared)."""

    system_id: str
    name: str
    unit: str
    value: float | None


class KpiEntryScreen(DialogScreen[KpiEntry | None]):
    """Pick a KPI of a system and type its value for the week."""

    CSS_PATH = "../review.tcss"  # loaded when the screen is first shown, not at start

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="kpi_entry.cancel"),
        Binding("up", "pick(-1)", "Previous KPI", id="kpi_entry.previous", show=False),
        Binding("down", "pick(1)", "Next KPI", id="kpi_entry.next", show=False),
    ]

    def __init__(self, week: str, kpis: Sequence[KpiHistory], selected: int = 0) -> None:
        super().__init__()
        self.week = week
        self.kpis = tuple(kpis)
        self.selected = max(0, min(selected, len(self.kpis) - 1))
        self.saving = False

    @property
    def kpi(self) -> KpiHistory | None:
        return self.kpis[self.selected] if self.kpis else None

    def compose(self) -> ComposeResult:
        options = [
            Option(plain(f"{kpi.system_name} › {kpi.name}"), id=str(index))
            for index, kpi in enumerate(self.kpis)
        ]
        with Vertical(classes="dialog wide", id="kpi-dialog"):
            yield Label(f"KPI value for {self.week}", classes="dialog-title")
            yield OptionList(*options, id="kpi-options")
            yield Label("", id="kpi-about")
            yield Input(placeholder="a number, e.g. 12400 (empty clears it)", id="kpi-value")
            yield Label("", id="kpi-error", classes="error")
            yield Label("enter saves · ↑ ↓ another KPI · escape cancels", id="kpi-keys")

    def on_mount(self) -> None:
        options = self.query_one("#kpi-options", OptionList)
        if self.kpis:
            options.highlighted = self.selected
        self.show_kpi()
        self.query_one("#kpi-value", Input).focus()

    def show_kpi(self) -> None:
        kpi = self.kpi
        about = self.query_one("#kpi-about", Label)
        field = self.query_one("#kpi-value", Input)
        self.query_one("#kpi-error", Label).update("")
        if kpi is None:
            about.update("No system has KPIs yet: add them to a system first.")
            field.disabled = True
            return
        now = "not typed yet" if kpi.value is None else number_text(kpi.value)
        unit = f" · {kpi.unit}" if kpi.unit else ""
        about.update(plain(f"{kpi.name}{unit} · target {target_text(kpi)} · this week: {now}"))
        field.value = "" if kpi.value is None else number_text(kpi.value, grouping=False)

    @on(OptionList.OptionHighlighted, "#kpi-options")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self.selected:
            self.selected = event.option_index
            self.show_kpi()

    @on(OptionList.OptionSelected, "#kpi-options")
    def _selected(self) -> None:
        self.query_one("#kpi-value", Input).focus()

    def action_pick(self, delta: int) -> None:
        if self.kpis:
            self.query_one("#kpi-options", OptionList).highlighted = (self.selected + delta) % len(
                self.kpis
            )

    @on(Input.Submitted, "#kpi-value")
    def _submit(self, event: Input.Submitted) -> None:
        kpi = self.kpi
        if kpi is None or self.saving:
            return
        self.saving = True
        text, week = event.value, self.week

        def job(cockpit: Cockpit) -> Review | str:
            from cockpit.domain.errors import ValidationError
            from cockpit.services.review import record_kpi

            try:
                return record_kpi(cockpit, week, kpi.system_id, kpi.name, text)
            except ValidationError as error:
                return str(error)

        self.cockpit_app.run_service(job, self._saved, group="write", failed=self._failed)

    def _saved(self, result: Review | str) -> None:
        self.saving = False
        kpi = self.kpi
        if isinstance(result, str) or kpi is None:
            self.query_one("#kpi-error", Label).update(plain_lines(str(result)))
            self.query_one("#kpi-value", Input).focus()
            return
        value = result.kpis.get(kpi.system_id, {}).get(kpi.name)
        self.dismiss(KpiEntry(kpi.system_id, kpi.name, kpi.unit, value))

    def _failed(self) -> None:
        self.saving = False
