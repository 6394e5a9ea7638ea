"""Helpers the browser tests share."""


def new_page(browser):
    """A page in a fresh context (its own cookies: another person), Korean locale and KST
    clock, 15 s timeouts. Closing the browser closes it."""
    context = browser.new_context(locale="ko-KR", timezone_id="Asia/Seoul")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def main_menu(page):
    """The header's main navigation."""
    return page.get_by_role("navigation", name="주 메뉴")
