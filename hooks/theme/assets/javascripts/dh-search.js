// Search on demand. Nothing of it loads with a page: the first time a reader opens search (the header button,
// or the / or s key outside a text field), this builds a dialog and imports Pagefind's search API, which then
// fetches only the index chunks a query needs and the records of the results it shows. The header survives
// Material's instant navigation, so this script runs once per visit and the dialog stays built.
// Pagefind's own UIs were measured against the budget (CONTRIBUTING.md): this small one is what fits.
(() => {
  const script = document.currentScript
  const site = new URL("../../", script.src) // this file is assets/javascripts/dh-search.js
  const bundle = new URL("pagefind/", site)
  const PAGE = 3 // results whose records are fetched at once; each is a page's text, several KB
  let dialog = null
  let pagefind = null
  let query = 0 // the latest query's number, so a slow answer to an older one is dropped
  let results = []
  let shown = 0

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
    node.append(...children)
    return node
  }

  function build() {
    document.head.append(element("link", { rel: "stylesheet", href: new URL("../stylesheets/dh-search.css", script.src).href }))
    const input = element("input", {
      type: "search", class: "dh-search__input", "aria-label": "Search the course", placeholder: "Search",
      autocomplete: "off", spellcheck: "false", "aria-controls": "dh-search-results",
    })
    const close = element("button", { type: "button", class: "dh-search__close", "aria-label": "Close search" }, "Esc")
    dialog = element("dialog", { class: "dh-search", "aria-label": "Search" },
      element("div", { class: "dh-search__bar", role: "search" }, input, close),
      element("p", { class: "dh-search__summary", role: "status" }),
      element("ol", { class: "dh-search__results", id: "dh-search-results" }),
      element("button", { type: "button", class: "dh-search__more", hidden: "" }, "More results"),
    )
    document.body.append(dialog)
    input.addEventListener("input", () => run(input.value))
    close.addEventListener("click", () => dialog.close())
    dialog.querySelector(".dh-search__more").addEventListener("click", () => more(query))
    dialog.addEventListener("click", event => {
      if (event.target === dialog || event.target.closest("a[href]")) dialog.close() // backdrop, or a result followed
    })
    dialog.addEventListener("keydown", navigate)
    dialog.addEventListener("focusout", keep)
    pagefind = import(new URL("pagefind.js", bundle).href).then(async api => {
      await api.options({ baseUrl: site.pathname, excerptLength: 24 })
      return api
    })
  }

  async function run(text) {
    const mine = ++query
    const api = await pagefind
    const search = await api.debouncedSearch(text, {}, 250)
    if (search === null || mine !== query) return // superseded while waiting
    results = search.results
    shown = 0
    const list = dialog.querySelector(".dh-search__results")
    list.replaceChildren()
    list.dataset.query = text // which query the list answers, for the tests
    await more(mine)
  }

  async function more(mine) {
    const batch = await Promise.all(results.slice(shown, shown + PAGE).map(result => result.data()))
    if (mine !== query) return
    shown += batch.length
    dialog.querySelector(".dh-search__results").append(...batch.map(item))
    const summary = dialog.querySelector(".dh-search__summary")
    const count = results.length
    summary.textContent = dialog.querySelector(".dh-search__input").value.trim()
      ? `${count} ${count === 1 ? "page matches" : "pages match"}` : ""
    dialog.querySelector(".dh-search__more").hidden = shown >= count
  }

  function item(data) {
    const best = data.sub_results?.[0] ?? data // the section with the best match
    const title = element("span", { class: "dh-search__title" }, data.meta.title)
    if (best.title && best.title !== data.meta.title) title.append(element("span", { class: "dh-search__section" }, ` › ${best.title}`))
    const excerpt = element("span", { class: "dh-search__excerpt" })
    excerpt.innerHTML = best.excerpt // Pagefind's excerpt: the page's own text, escaped, with <mark> around matches
    return element("li", {}, element("a", { href: best.url }, title, excerpt))
  }

  // Arrow keys move between the search field and the results; Enter follows the focused result, as links do.
  // Escape closes the dialog here rather than by the browser's own close request: after an instant navigation,
  // Chromium ignored Escape on the reopened dialog (its close-watcher rules), leaving search stuck open.
  function navigate(event) {
    if (event.key === "Escape") {
      event.preventDefault()
      dialog.close()
      return
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return
    const stops = [dialog.querySelector(".dh-search__input"), ...dialog.querySelectorAll(".dh-search__results a")]
    const here = stops.indexOf(document.activeElement)
    if (here === -1) return
    const next = here + (event.key === "ArrowDown" ? 1 : -1)
    if (next < 0 || next >= stops.length) return
    event.preventDefault()
    stops[next].focus()
  }

  // A modal dialog keeps the focus. Instant navigation ends by following the new page's #fragment, and
  // Chromium then drops the focus to the body: a reader who opened search while the page was arriving would
  // be left typing into nothing. Focus that leaves for nowhere comes back to the field.
  function keep(event) {
    if (event.relatedTarget) return
    setTimeout(() => {
      if (dialog.open && !dialog.contains(document.activeElement)) dialog.querySelector(".dh-search__input").focus()
    })
  }

  function open() {
    if (!dialog) build()
    if (!dialog.open) dialog.showModal()
    const input = dialog.querySelector(".dh-search__input")
    input.focus()
    input.select()
  }

  function typing(target) {
    return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)
  }

  document.addEventListener("click", event => {
    if (event.target.closest("[data-dh-search]")) open()
  })
  document.addEventListener("keydown", event => {
    if (!["/", "s"].includes(event.key) || event.ctrlKey || event.metaKey || event.altKey) return
    if (typing(event.target) || dialog?.open) return
    event.preventDefault()
    open()
  })
})()
