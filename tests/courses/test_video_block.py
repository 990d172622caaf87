"""Videos are read from their URL: provider and ID, nothing fetched."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import VideoBlock
from courses.video import UnsupportedVideoURL, parse_video_url


@pytest.mark.parametrize(
    ("url", "provider", "video_id"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=30", "youtube", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc", "youtube", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/shorts/aBcDeFgHiJk", "youtube", "aBcDeFgHiJk"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"),
        ("https://www.tiktok.com/@diskominfo.malang/video/7234567890123456789", "tiktok", "7234567890123456789"),
        ("https://www.tiktok.com/@kota_malang/video/7234567890123456789?lang=id", "tiktok", "7234567890123456789"),
        ("https://www.tiktok.com/embed/v2/7234567890123456789", "tiktok", "7234567890123456789"),
        ("https://www.instagram.com/p/C1a2B3c4D5e/", "instagram", "C1a2B3c4D5e"),
        ("https://www.instagram.com/reel/C1a2B3c4D5e/?igsh=xyz", "instagram", "C1a2B3c4D5e"),
        ("https://instagram.com/kotamalang/reel/C1a2B3c4D5e", "instagram", "C1a2B3c4D5e"),
    ],
)
def test_it_reads_provider_and_id_from_the_url(url, provider, video_id):
    video = parse_video_url(url)
    assert (video.provider, video.video_id) == (provider, video_id)


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/123456",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UC123",
        "https://vm.tiktok.com/ZSabc123/",
        "https://www.tiktok.com/@akun",
        "https://www.instagram.com/kotamalang/",
        "javascript:alert(1)",
        "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
    ],
)
def test_it_refuses_what_it_cannot_read(url):
    with pytest.raises(UnsupportedVideoURL):
        parse_video_url(url)


def test_player_urls_use_each_providers_embed_address():
    assert parse_video_url("https://youtu.be/dQw4w9WgXcQ").player_url.startswith(
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert parse_video_url("https://www.tiktok.com/@a/video/7234567890123456789").player_url.startswith(
        "https://www.tiktok.com/player/v1/7234567890123456789"
    )
    assert (
        parse_video_url("https://www.instagram.com/reel/C1a2B3c4D5e/").player_url
        == "https://www.instagram.com/p/C1a2B3c4D5e/embed/"
    )


def test_the_block_refuses_an_unsupported_link_with_a_clear_message(db):
    block = VideoBlock()
    value = block.to_python({"url": "https://vimeo.com/123456", "title": "Vimeo", "duration": ""})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "url" in error.value.block_errors


def test_the_block_renders_a_light_poster_linking_to_the_video_and_no_iframe(db, no_outbound_network):
    block = VideoBlock()
    url = "https://www.tiktok.com/@diskominfo/video/7234567890123456789"
    html = block.render(block.to_python({"url": url, "title": "Contoh hook", "duration": "0:45"}))
    assert f'href="{url}"' in html
    assert 'data-video-player="https://www.tiktok.com/player/v1/7234567890123456789?autoplay=1"' in html
    assert "<iframe" not in html and "<img" not in html
    assert no_outbound_network == []
