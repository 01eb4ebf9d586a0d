"""The settings: one table of options (``table``), the ``Settings`` made from
it (``settings``), ``briefing.toml`` read with the flags on top (``toml``),
and what the table says to people (``docs``)."""

from briefing.config.settings import Settings, on_date
from briefing.config.table import bitrate, default_cache_dir, redis_url
from briefing.config.toml import DEFAULT_FILE, ConfigError, load, parse


def __getattr__(name: str):
    if name == "EXAMPLE":  # made when asked for: only briefing init writes it
        from briefing.config.docs import example

        return example()
    raise AttributeError(name)


__all__ = ["DEFAULT_FILE", "ConfigError", "Settings", "bitrate", "default_cache_dir", "load", "on_date", "parse",
           "redis_url"]
