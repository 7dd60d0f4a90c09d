"""The window's screens that are built after the pack screen is ready: the devices page, the
receiving/returns/stock screens (CMD:RECEIVE/RETURNS/STOCK) and the lead's desk (handover,
lookup, dashboard).

They are 444 of the window's 548 widgets: with their imports and the style sheet over them
they cost a cold start ~40 ms. Nobody scans within :data:`SCREENS_AFTER_MS` of the pack screen
appearing; a scan or a click that needs one of them sooner builds them at once. What the
window learnt meanwhile (the role, the device states, the last weight, the sync) is handed to
them when they are built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.inbound import InboundScreens
    from ui.lead import LeadDesk
    from ui.screens.devices import DevicesScreen

SCREENS_AFTER_MS = 200


class LaterScreens:
    """Owned by the StationWindow (``window``); :meth:`build` once, the rest before or after."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.devices: DevicesScreen | None = None
        self.inbound: InboundScreens | None = None
        self.lead: LeadDesk | None = None
        self._building = False
        self._last_weight: tuple[int | None, str] | None = None

    def build(self) -> None:
        """Build them now (once), with what the window already has."""
        if self._building:
            return
        self._building = True
        from station.config import user_config_path
        from ui.inbound import InboundController, InboundScreens, inbound_factory
        from ui.lead import LeadDesk
        from ui.screens.devices import DevicesScreen

        window = self.window
        devices = DevicesScreen(window.settings, user_config_path)
        window.devices_scroll.setWidget(devices)
        window.extra_screens["devices"] = devices
        devices.back.connect(window.hide_devices)
        devices.print_test.connect(window.print_test_label)
        self.devices = devices
        inbound = InboundScreens(
            window, InboundController(window.controller.ops, inbound_factory(window.controller)))
        for button in inbound.buttons.values():  # before language, devices and lock
            window.top.insertWidget(window.top.count() - 3, button)
        self.inbound = inbound
        self.lead = LeadDesk(window, window.top)  # its buttons after the inbound ones
        if window.devices is not None:
            window.devices.device_state.connect(devices.show_state)
            for status in window.devices.board.statuses():
                devices.show_state(status.device, str(status.state), status.message)
        if window.sync is not None:
            inbound.attach_sync(window.sync)
        if self._last_weight is not None:
            self.on_weight(*self._last_weight)
        self.lead.retranslate()
        self.set_role(window.controller.view.role)

    def set_role(self, role: str | None) -> None:
        if self.devices is not None and self.lead is not None:
            self.devices.set_role(role)
            self.lead.set_role(role)

    def lead_screen_shown(self) -> bool:
        return self.lead is not None and self.lead.current() is not None

    def on_weight(self, grams: int | None, status: str) -> None:
        self._last_weight = (grams, status)
        if self.devices is not None and self.lead is not None:
            self.lead.on_weight(grams, status)
            self.devices.show_weight(grams, status)

    def attach_sync(self, sync: Any) -> None:
        if self.inbound is not None:  # else at build
            self.inbound.attach_sync(sync)

    def retranslate(self) -> None:
        if self.lead is not None and self.inbound is not None:
            self.lead.retranslate()
            self.inbound.retranslate()

    def shutdown(self) -> None:
        if self.inbound is not None:
            self.inbound.controller.shutdown()
