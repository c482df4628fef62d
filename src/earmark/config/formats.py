"""The one table of output formats.

Each format's record drives `--format` (validation and help), the recipe's checks of its
settings, the encoder's arguments (ffmpeg's, and the in-process libmp3lame's quality),
`preview`'s content types, the manifest's MIME types and which exporter writes the file. The
exporter and chapter writer are named, not imported: their modules load tag libraries (mutagen,
pydub) that `earmark --help` and `earmark plan` must not pay for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from earmark.model import PCM

if TYPE_CHECKING:
    from earmark.config.recipe import ExportSettings

MP3_QUALITY = 7
"""LAME's -q 7 ("fast"): as fast as -q 9 here, without its artefacts on speech."""

MP3_RATES = {
    # MPEG-1 (32-48 kHz), MPEG-2 (16-24 kHz) and MPEG-2.5 (8-12 kHz) layer III. libmp3lame
    # takes any bitrate but silently clamps it to its version's table (measured with ffmpeg
    # 5.1: 320k at 22050 Hz gave 160k, 160k at 8000 Hz gave 64k, 8k at 44100 Hz gave 32k).
    **dict.fromkeys((32000, 44100, 48000),
                    (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)),
    **dict.fromkeys((16000, 22050, 24000),
                    (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)),
    **dict.fromkeys((8000, 11025, 12000), (8, 16, 24, 32, 40, 48, 56, 64)),
}
"""Sample rate (Hz) -> the constant bitrates (kbit/s) MP3 has at that rate."""


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    """What `--format` and `[export] format` take."""
    extension: str
    """The audio file's extension, without the dot."""
    mime: str
    """Its media type (the manifest, the page's <source type>, `preview`)."""
    description: str
    """One phrase for `--help`."""
    codec: str
    """ffmpeg's encoder."""
    options: tuple[str, ...]
    """ffmpeg's encoder options (after the bitrate)."""
    muxer: tuple[str, ...]
    """ffmpeg's container arguments (-f and the muxer's options)."""
    bitrate: str | None
    """The [export] key that holds the bitrate (None: uncompressed)."""
    kbps: tuple[int, int] | None
    """Lowest and highest bitrate the encoder takes, kbit/s (MP3: MP3_RATES instead)."""
    exporter: str
    """"module:Class" that writes the file (see earmark.export)."""
    tags: str
    """"module:function" of the tags and chapter table: it writes them into the encoded file
    (path, plan, timeline, export settings), or for M4B makes the ffmetadata text ffmpeg muxes
    in (plan, timeline, tags)."""
    chapter_limit: int
    """The most chapters the file holds; a longer list is grouped to fit
    (export.tags.fit_chapters)."""
    rate: int | None = None
    """The sample rate the codec always runs at (Opus: 48 kHz); None: the recipe's."""
    carries: str | None = None
    """Set for a publication rather than an audio file: the audio format it packages (EPUB:
    "mp3"). Its exporter encodes that format with that format's own exporter and leaves the
    audio file beside the publication; the render lists that file among the audio files (the
    page plays it, clips cut it) and the publication apart (Manifest.publications)."""

    @property
    def audio(self) -> Format:
        """The record of the audio this format holds: its own, or the one it carries."""
        return FORMATS[self.carries] if self.carries else self

    def sample_rate(self, settings: ExportSettings) -> int:
        """The sample rate of the encoded file."""
        return self.rate or settings.sample_rate

    def encoder_args(self, settings: ExportSettings) -> list[str]:
        """ffmpeg's output arguments: channels, sample rate, encoder, bitrate, container."""
        return [*self.codec_args(settings), *self.muxer]

    def codec_args(self, settings: ExportSettings) -> list[str]:
        """ffmpeg's output arguments without the container (what a chunk is encoded with)."""
        bitrate = ["-b:a", getattr(settings, self.bitrate)] if self.bitrate else []
        return ["-ac", str(PCM.channels), "-ar", str(self.sample_rate(settings)),
                "-c:a", self.codec, *bitrate, *self.options]

    def load(self, reference: str) -> Any:
        module, _, name = reference.partition(":")
        return getattr(importlib.import_module(module), name)

    def make_exporter(self, *args: Any) -> Any:
        """An instance of the format's exporter (its module imported now, on first use)."""
        return self.load(self.exporter)(*args)


AAC_OPTIONS = ("-aac_coder", "fast")
"""ffmpeg's AAC with its fast coder: ~6x faster than the default two-loop search, at the same
bitrate no further from the input (benchmarks/formats.py)."""

OPUS_OPTIONS = ("-application", "audio", "-compression_level", "5", "-vbr", "constrained",
                "-frame_duration", "60")
"""libopus at complexity 5, constrained VBR, coding the speech with CELT: a third of the CPU of
the speech-tuned "voip" mode at complexity 10 (SILK), at the same bitrate and a higher
signal-to-distortion ratio (benchmarks/formats.py --quality; no listening test was made).
60 ms packets (three 20 ms CELT frames each): the same decoded samples as 20 ms packets
(md5 of the decoded PCM), about 20% less CPU and 0.5% smaller (export.oggopus.PACKET).
The chunks of a render are encoded in-process with these settings (export.libopus); ffmpeg
takes them where libopus or libsoxr cannot be loaded. PESQ-wb (a perceptual speech measure,
2026-12) rates this mode below SDR's verdict: 2.66 against 4.26 for "voip" at complexity 10
on the narrator's voice, which costs 4x the CPU; the choice was left as it was."""

ID3_CHAPTERS = 255 * 255
"""ID3: a CTOC table lists 255 children, each a CHAP or a table of 255 (export.id3)."""
# MP4's chpl list counts its chapters in one byte; Opus's CHAPTERnnn comments have three digits

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("mp3", "mp3", "audio/mpeg", "MP3 with ID3v2 chapters (CHAP + CTOC)",
               "libmp3lame", ("-compression_level", str(MP3_QUALITY)),
               ("-id3v2_version", "0", "-f", "mp3"),
               "mp3_bitrate", None, "earmark.export.mp3:Mp3Export",
               "earmark.export.mp3:write_tags", ID3_CHAPTERS),
        # ffmpeg's aac takes any bitrate (above 6 bits a sample it clamps, with a warning)
        Format("m4b", "m4b", "audio/mp4", "AAC audiobook with MP4 chapters",
               "aac", AAC_OPTIONS, ("-movflags", "+faststart", "-f", "ipod"),
               "m4b_bitrate", (8, 320), "earmark.export.m4b:M4bExport",
               "earmark.export.m4b:ffmetadata", 255),
        # Opus codes 48 kHz: ffmpeg resamples; "voip" tunes it for speech. libopus refuses
        # more than 256 kbit/s a channel (ffmpeg 5.1) and is not meant for speech under 6
        Format("opus", "opus", "audio/ogg", "Ogg Opus with chapter comments",
               "libopus", OPUS_OPTIONS, ("-f", "ogg"),
               "opus_bitrate", (6, 256), "earmark.export.opus:OpusExport",
               "earmark.export.opus:write_tags", 999, rate=48000),
        # bitexact: no RIFF INFO chunk naming ffmpeg's library as the encoder ("ISFT"),
        # which ffprobe would report before the ID3 chunk's TSSE
        Format("wav", "wav", "audio/wav", "16-bit PCM with ID3 chapters",
               PCM.ffmpeg_codec, (), ("-fflags", "+bitexact", "-f", "wav"),
               None, None, "earmark.export.wav:WavExport",
               "earmark.export.wav:write_tags", ID3_CHAPTERS),
        # a publication: the MP3 (its encoder settings and ID3 tags above) packaged with the
        # text as a read-along EPUB 3. The navigation document and the content documents (one
        # per chapter) hold any number of chapters; the limit is that of the MP3's ID3 chapters
        Format("epub", "epub", "application/epub+zip",
               "read-along EPUB 3: the text with the MP3 as Media Overlays",
               "libmp3lame", ("-compression_level", str(MP3_QUALITY)),
               ("-id3v2_version", "0", "-f", "mp3"),
               "mp3_bitrate", None, "earmark.export.epub:EpubExport",
               "earmark.export.mp3:write_tags", ID3_CHAPTERS, carries="mp3"),
    )
}


def help_text() -> str:
    """The formats for `--help`."""
    return "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())


def by_extension() -> dict[str, str]:
    """".mp3" -> "audio/mpeg", for every format (what `preview` serves them as)."""
    return {f".{f.extension}": f.mime for f in FORMATS.values()}


def audio_formats(names: tuple[str, ...]) -> tuple[str, ...]:
    """The audio files a render of `names` writes, in order, each once: a publication's
    carried format stands in for it (`--format epub` writes the MP3 it packages)."""
    return tuple(dict.fromkeys(FORMATS[n].audio.name for n in names))


def exporters_for(names: tuple[str, ...]) -> tuple[str, ...]:
    """The formats whose exporters a render of `names` runs: an audio format that a requested
    publication carries is written by that publication's exporter, so it is encoded once."""
    carried = {FORMATS[n].carries for n in names}
    return tuple(n for n in dict.fromkeys(names) if n not in carried)
