"""Links a teacher hands out: an nbgitpuller link for a JupyterHub, a launch link for Binder.

Learners' links point at the learner edition, the branch ``learners`` that
``python -m kit.distribute learners --branch learners`` builds (no teacher notebooks, answer
keys hashed); the teacher's own link (teacher_link) points at ``main`` and clones into a folder
of its own. Pure string building (no network, nothing started), so it works anywhere the kit
imports, JupyterLite included. See docs/hub-admins.md, docs/binder.md, docs/teacher-edition.md.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

__all__ = ["binder_link", "nbgitpuller_link", "start_urlpath", "teacher_link", "unavailable_here"]

FOLDER = "town-square-kit"  # the folder nbgitpuller clones into, in each learner's home
TEACHER_FOLDER = "town-square-kit-teacher"  # the teacher edition, beside a learner-edition clone
LEARNER_BRANCH = "learners"  # built by python -m kit.distribute (docs/teacher-edition.md)
TEACHER_BRANCH = "main"
START_NOTEBOOK = "00_start_here.ipynb"
TEACHER_NOTEBOOK = "lesson_plan.ipynb"
EDITIONS = ("ar", "en")


def unavailable_here(lang: str = "ar") -> str | None:
    """In the browser (JupyterLite): the sentence saying the hub parts need the school's server
    (nbgitpuller, hub user names, the live class view); None where a server runs the kit.

    The links below are still built there (pure strings); they open on the hub, not in the site.
    """
    from kit import platform

    return platform.unavailable("hub", lang) if platform.is_pyodide() else None


def start_urlpath(lang: str = "ar", folder: str = "", notebook: str = START_NOTEBOOK) -> str:
    """JupyterLab's path to a start notebook, relative to the server root.

    >>> start_urlpath()
    'lab/tree/notebooks/ar/00_start_here.ipynb'
    >>> start_urlpath("en", folder="town-square-kit")
    'lab/tree/town-square-kit/notebooks/en/00_start_here.ipynb'
    """
    if lang not in EDITIONS:
        raise ValueError(f"Unknown edition {lang!r}. The editions are: {', '.join(EDITIONS)}")
    prefix = f"{folder.strip('/')}/" if folder.strip("/") else ""
    return f"lab/tree/{prefix}notebooks/{lang}/{notebook}"


def nbgitpuller_link(
    hub_url: str,
    repo: str,
    branch: str = LEARNER_BRANCH,
    urlpath: str | None = None,
    lang: str = "ar",
    *,
    targetpath: str = FOLDER,
) -> str:
    """A link that clones (first click) or updates (later clicks) the kit in a learner's home.

    It goes through ``/hub/user-redirect/``, so one link serves every learner. Saved answers
    (``notebooks/answers/``, git-ignored) and the learner's own edits survive updates. The
    default branch is the learner edition (no teacher notebooks, no plain key).

    >>> link = nbgitpuller_link("https://hub.example.org", "https://github.com/ORG/REPO")
    >>> print(link.replace("&", "\\n&"))
    https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FORG%2FREPO
    &branch=learners
    &targetpath=town-square-kit
    &urlpath=lab%2Ftree%2Ftown-square-kit%2Fnotebooks%2Far%2F00_start_here.ipynb
    """
    parts = urlsplit(hub_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"hub_url must start with https:// (or http://), got {hub_url!r}")
    if not repo or not isinstance(repo, str):
        raise ValueError("repo must be the address git clones from, e.g. https://github.com/ORG/REPO")
    if not targetpath.strip("/") or ".." in targetpath.split("/"):
        raise ValueError(f"targetpath must be a folder name inside the home, got {targetpath!r}")
    if urlpath is None:
        urlpath = start_urlpath(lang, folder=targetpath)
    query = urlencode(
        {"repo": repo, "branch": branch, "targetpath": targetpath, "urlpath": urlpath},
        quote_via=quote,
        safe="",
    )
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def binder_link(
    repo: str,
    branch: str = LEARNER_BRANCH,
    urlpath: str | None = None,
    lang: str = "ar",
    *,
    binder_url: str = "https://mybinder.org",
) -> str:
    """A Binder launch link for a GitHub repository ("ORG/REPO" or its https address).

    The default branch is the learner edition; Binder builds it from its own environment.yml
    and postBuild, which the edition carries.

    >>> print(binder_link("ORG/town-square-kit").replace("?", "\\n?"))
    https://mybinder.org/v2/gh/ORG/town-square-kit/learners
    ?urlpath=lab%2Ftree%2Fnotebooks%2Far%2F00_start_here.ipynb
    """
    slug = repo.strip()
    for prefix in ("https://github.com/", "http://github.com/", "github.com/"):
        if slug.startswith(prefix):
            slug = slug[len(prefix):]
    slug = slug.strip("/").removesuffix(".git")
    if slug.count("/") != 1 or not all(slug.split("/")):
        raise ValueError(f"repo must be a GitHub repository as ORG/REPO, got {repo!r}")
    if urlpath is None:
        urlpath = start_urlpath(lang)
    return (f"{binder_url.rstrip('/')}/v2/gh/{slug}/{quote(branch, safe='')}"
            f"?urlpath={quote(urlpath, safe='')}")


def teacher_link(hub_url: str, repo: str, lang: str = "ar", *,
                 branch: str = TEACHER_BRANCH, notebook: str = TEACHER_NOTEBOOK) -> str:
    """The teacher's nbgitpuller link: the teacher edition (main) in a folder of its own.

    It clones into ``town-square-kit-teacher``, so a teacher who also follows the learners'
    link keeps two clones of two branches side by side, never merged into one another. Give
    it to teachers only; the repository (or its main branch) should be private to them.

    >>> print(teacher_link("https://hub.example.org", "https://github.com/ORG/KIT").split("&", 1)[1]
    ...       .replace("&", "\\n&"))
    branch=main
    &targetpath=town-square-kit-teacher
    &urlpath=lab%2Ftree%2Ftown-square-kit-teacher%2Fnotebooks%2Fteacher%2Far%2Flesson_plan.ipynb
    """
    if lang not in EDITIONS:
        raise ValueError(f"Unknown edition {lang!r}. The editions are: {', '.join(EDITIONS)}")
    urlpath = f"lab/tree/{TEACHER_FOLDER}/notebooks/teacher/{lang}/{notebook}"
    return nbgitpuller_link(hub_url, repo, branch=branch, urlpath=urlpath,
                            targetpath=TEACHER_FOLDER)
