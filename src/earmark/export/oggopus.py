"""Opus packets in Ogg (what ffmpeg writes chunk by chunk): split, and join into one stream
whose granule positions count every packet's samples, ending exactly at the programme's end.

mutagen's OggPage reads and writes the pages (with their CRC)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from earmark.errors import EarmarkError

PRE_SKIP = 312
"""Samples (48 kHz) libopus delays its input by: the OpusHead's pre-skip."""

PACKET = 2880
"""Samples (48 kHz) in each packet the encoder writes: 60 ms (config.formats.OPUS_OPTIONS)."""

PAGE = 48000
"""Samples a page holds (about): one second, as ffmpeg writes them."""


def _read(path: Path) -> list[bytes]:
    from mutagen.ogg import OggPage

    pages = []
    with path.open("rb") as source:
        while True:
            try:
                pages.append(OggPage(source))
            except EOFError:
                break
    if not pages:
        raise EarmarkError(f"{path.name} holds no Ogg pages")
    return OggPage.to_packets(pages, strict=True)


def headers(path: Path) -> tuple[bytes, bytes]:
    """The OpusHead and OpusTags packets."""
    packets = _read(path)
    if not packets[0].startswith(b"OpusHead"):
        raise EarmarkError(f"{path.name} is not Ogg Opus")
    return packets[0], packets[1]


def frames(path: Path) -> list[bytes]:
    """The audio packets (after the two header packets)."""
    return _read(path)[2:]


def samples(packet: bytes) -> int:
    """Samples at 48 kHz that a packet decodes to (from its TOC byte, RFC 6716 3.1)."""
    config, code = packet[0] >> 3, packet[0] & 3
    if config < 12:
        size = (480, 960, 1920, 2880)[config % 4]
    elif config < 16:
        size = (480, 960)[config % 2]
    else:
        size = (120, 240, 480, 960)[config % 4]
    count = 1 if code == 0 else 2 if code in (1, 2) else packet[1] & 0x3F
    return size * count


def pre_skip(head: bytes) -> int:
    return int.from_bytes(head[10:12], "little")


GRANULE_RATE = 48000
"""Ogg Opus counts its granule positions and its pre-skip at 48 kHz (RFC 7845 4)."""


def join(parts: Iterable[list[bytes]], out: Path, first: Path, length: int) -> None:
    """One Ogg Opus stream: the headers of `first`, then the kept packets of each part; the
    last page's granule position is pre-skip + `length` (48 kHz samples), so decoders trim
    the padding after the programme's end."""
    head, tags = headers(first)
    write(out, head, tags, (packet for kept in parts for packet in kept),
          pre_skip(head) + length)


def write(out: Path, head: bytes, tags: bytes, packets: Iterable[bytes],
          end: int | None = None) -> None:
    """An Ogg stream of the two header packets and then `packets`, about a second a page;
    the last page's granule position is `end` (None: every sample the packets decode to)."""
    from mutagen.ogg import OggPage

    serial = 0x65617231  # "ear1"
    sequence = 0
    granule = 0  # samples decoded so far, the pre-skip included (RFC 7845 4)

    def page(packets: list[bytes], position: int, flags: int = 0) -> bytes:
        nonlocal sequence
        made = OggPage()
        made.serial, made.sequence, made.position = serial, sequence, position
        made.packets, made.complete = packets, True
        made.first, made.last = bool(flags & 2), bool(flags & 4)
        sequence += 1
        return made.write()

    with out.open("wb") as sink:
        sink.write(page([head], 0, 2))
        sink.write(page([tags], 0))
        pending: list[bytes] = []
        held = 0
        for packet in packets:
            if held >= PAGE:  # a full page, and more to come
                sink.write(page(pending, granule if end is None else min(granule, end)))
                pending, held = [], 0
            pending.append(packet)
            size = samples(packet)
            granule += size
            held += size
        if end is not None and granule < end:
            raise EarmarkError(f"the joined Opus stream is {end - granule} samples short")
        sink.write(page(pending, granule if end is None else end, 4))
