// Search on demand. Nothing of Pagefind loads with a page: the first time a reader opens search (the header
// button, or the / or s key outside a text field), this adds Pagefind's Component UI and a <pagefind-modal>,
// whose search fetches only the index chunks and page fragments that the query needs. The header survives
// Material's instant navigation, so this script runs once per visit and the dialog stays loaded.
(() => {
  const script = document.currentScript
  const site = new URL("../../", script.src) // this file is assets/javascripts/dh-search.js
  const bundle = new URL("pagefind/", site)
  let modal = null
  let loading = null

  function stylesheet(href) {
    const link = document.createElement("link")
    link.rel = "stylesheet"
    link.href = href
    return link
  }

  function load() {
    loading ??= new Promise((resolve, reject) => {
      const ui = document.createElement("script")
      ui.src = new URL("pagefind-component-ui.js", bundle).href
      ui.onload = resolve
      ui.onerror = () => reject(new Error(`search could not load ${ui.src}`))
      document.head.append(
        stylesheet(new URL("pagefind-component-ui.css", bundle).href),
        stylesheet(new URL("../stylesheets/dh-search.css", script.src).href),
        ui,
      )
      const config = document.createElement("pagefind-config")
      config.setAttribute("bundle-path", bundle.pathname)
      config.setAttribute("base-url", site.pathname)
      modal = document.createElement("pagefind-modal")
      modal.setAttribute("reset-on-close", "")
      // A result is a link Material's instant navigation follows: close the dialog as it goes.
      modal.addEventListener("click", event => event.target.closest("a[href]") && modal.close())
      document.body.append(config, modal)
    }).then(() => customElements.whenDefined("pagefind-modal"))
    return loading
  }

  async function open() {
    await load()
    modal.open()
  }

  function typing(target) {
    return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)
  }

  document.addEventListener("click", event => {
    if (event.target.closest("[data-dh-search]")) open()
  })
  document.addEventListener("keydown", event => {
    if (!["/", "s"].includes(event.key) || event.ctrlKey || event.metaKey || event.altKey) return
    if (typing(event.target) || (modal && modal.isOpen)) return
    event.preventDefault()
    open()
  })
})()
