"""Read a video's provider and ID from its URL, with no network access.

Wagtail's EmbedBlock asks the provider's oEmbed endpoint on save, which fails
offline and needs a token for Instagram; Sinau only needs the ID to build the
provider's player URL, and the URL forms are stable and documented.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_TIKTOK_PATH = re.compile(r"^/@[\w.\-]+/(?:video|photo)/(\d{8,25})/?$")
_TIKTOK_EMBED_PATH = re.compile(r"^/(?:embed(?:/v2)?|player/v1)/(\d{8,25})/?$")
_INSTAGRAM_PATH = re.compile(r"^/(?:[\w.]+/)?(p|reel|reels|tv)/([A-Za-z0-9_-]{5,40})/?")

PROVIDER_NAMES = {"youtube": "YouTube", "tiktok": "TikTok", "instagram": "Instagram"}


class UnsupportedVideoURL(ValueError):
    """The URL is not a YouTube, TikTok or Instagram video link we can read."""


@dataclass(frozen=True)
class Video:
    provider: str
    video_id: str

    @property
    def provider_name(self) -> str:
        return PROVIDER_NAMES[self.provider]

    @property
    def player_url(self) -> str:
        """The iframe source; loaded only after the participant taps the poster."""
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1&rel=0"
        if self.provider == "tiktok":
            return f"https://www.tiktok.com/player/v1/{self.video_id}?autoplay=1"
        return f"https://www.instagram.com/p/{self.video_id}/embed/"

    @property
    def is_portrait(self) -> bool:
        return self.provider in {"tiktok", "instagram"}


def parse_video_url(url: str) -> Video:
    """Return the Video a URL points to, or raise UnsupportedVideoURL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"}:
        raise UnsupportedVideoURL(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parts.path

    if host in {"youtube.com", "music.youtube.com", "youtube-nocookie.com"}:
        if path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        else:
            match = re.match(r"^/(?:shorts|embed|live|v)/([^/?#]+)", path)
            candidate = match.group(1) if match else ""
        if _YOUTUBE_ID.match(candidate):
            return Video("youtube", candidate)
    elif host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
        if _YOUTUBE_ID.match(candidate):
            return Video("youtube", candidate)
    elif host == "tiktok.com":
        match = _TIKTOK_PATH.match(path) or _TIKTOK_EMBED_PATH.match(path)
        if match:
            return Video("tiktok", match.group(1))
    elif host == "instagram.com":
        match = _INSTAGRAM_PATH.match(path)
        if match:
            return Video("instagram", match.group(2))
    raise UnsupportedVideoURL(url)
