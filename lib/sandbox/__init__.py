"""Sandbox: an emulator of the Wix Marketing Plan REST API over real HTTP (see `lib.sandbox.server`)."""
