"""Small display helpers the admin pages share."""
from django.utils.html import format_html

# Below this the parser was unsure enough of an item's cut or headline that
# an editor should look at it first.
DOUBTFUL = 0.8


def confidence_badge(value):
    """The parser's confidence, marked when it is doubtful."""
    if value is None:
        return "—"
    if value < DOUBTFUL:
        return format_html('<strong class="doubtful" title="解析器没有把握，请先校对">{}</strong>', f"{value:.2f}")
    return f"{value:.2f}"
