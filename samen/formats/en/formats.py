# Belgian conventions in every language: dd/mm/yyyy, € 1.234,56.
from samen.formats.nl_BE.formats import *  # noqa: F403
