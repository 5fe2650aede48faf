// Turns the print page (site/print_page/, made by mkdocs-print-site-plugin) into the course book, in the
// browser that prints it. Loaded by tools/course_pdf.py once the page's math and diagrams are drawn.
// Nothing here runs on the site itself.
window.downhillPdf = (() => {
  const book = () => document.getElementById("print-site-page")
  const SLOT = "dh-page-" // the id of an entry's start mark is this and the entry's id

  // A heading's text without Material's permalink mark.
  const headingText = (heading) => {
    const copy = heading.cloneNode(true)
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove())
    return copy.textContent.trim()
  }

  // The nav as print-site laid it out: modules are section.md-section, pages are section.print-page.
  const entries = (parent, titles) => {
    const found = []
    const sections = ":scope > section.md-section[id], :scope > section.print-page[id]" // contents: no id
    for (const section of parent.querySelectorAll(sections)) {
      const heading = section.querySelector("h1")
      const title = titles.get(section.id) || (heading ? headingText(heading) : section.id)
      const module = section.classList.contains("md-section")
      found.push({ id: section.id, title, module, children: module ? entries(section, titles) : [] })
    }
    return found
  }

  // A section whose pages are all excluded (the contributor guide) keeps only its heading: drop it.
  const dropEmptyModules = () => {
    for (const section of [...book().querySelectorAll("section.md-section")].reverse()) {
      if (!section.querySelector("section.print-page")) section.remove()
    }
  }

  // Chromium builds the PDF outline from heading levels. Inside a module, each lesson's headings go one
  // level down, so lessons are bookmarks under their module; aria-level changes the outline, not the look.
  const nestUnderModules = () => {
    for (const module of book().querySelectorAll("section.md-section")) {
      const own = module.querySelector(":scope > h1")
      for (const heading of module.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading][aria-level]")) {
        if (heading === own) continue
        const level = Number(heading.getAttribute("aria-level") || heading.tagName.slice(1))
        heading.setAttribute("aria-level", String(level + 1))
      }
    }
  }

  // The contents, in nav order. Each entry ends in an empty slot of fixed size for its page number, which
  // course_pdf.py stamps after the one print: the slot links to a mark at the start of the entry's section,
  // so the slot's link in the PDF says both where the number goes and which page it names.
  const contents = (list) => {
    const ol = document.createElement("ol")
    ol.className = "dh-toc"
    for (const entry of list) {
      const item = document.createElement("li")
      item.className = entry.module ? "dh-toc__module" : "dh-toc__page"
      item.innerHTML = '<div class="dh-toc__entry"><a class="dh-toc__link"><span class="dh-toc__title"></span>' +
        '<span class="dh-toc__leader"></span></a><a class="dh-toc__number"></a></div>'
      item.querySelector(".dh-toc__link").href = `#${entry.id}`
      item.querySelector(".dh-toc__title").textContent = entry.title
      const slot = item.querySelector(".dh-toc__number")
      slot.href = `#${SLOT}${entry.id}`
      slot.dataset.target = entry.id
      if (entry.children.length) item.append(contents(entry.children))
      ol.append(item)
    }
    return ol
  }

  // The mark each number slot links to: the first thing in the entry's section, so on its first page.
  const markStarts = (list) => {
    for (const entry of list) {
      const mark = document.createElement("span")
      mark.id = `${SLOT}${entry.id}`
      document.getElementById(entry.id).prepend(mark)
    }
  }

  // How the stamped numbers look: the slots' colour as 0-1 RGB, and the entries whose slot is bold.
  const numberStyle = () => {
    const slots = [...document.querySelectorAll(".dh-toc__number")]
    const color = getComputedStyle(slots[0]).color.match(/[\d.]+/g).slice(0, 3).map((part) => Number(part) / 255)
    const bold = slots.filter((slot) => Number(getComputedStyle(slot).fontWeight) >= 600)
    return { color, bold: bold.map((slot) => slot.dataset.target) }
  }

  // The cover: the site's name and description, the day of the print, and the footer's line naming the
  // versions that produced the outputs (hooks/theme/partials/copyright.html writes it).
  const addCover = (builtOn) => {
    const text = (selector) => document.querySelector(selector)?.textContent.trim() ?? ""
    const cover = {
      title: text(".md-header__topic .md-ellipsis"),
      subtitle: document.querySelector('meta[name="description"]')?.content ?? "",
      date: `Built on ${builtOn}`,
      versions: text("[data-downhill-versions]")
    }
    const section = document.createElement("section")
    section.id = "print-site-cover-page" // print-site's print CSS centres it on a page of its own
    section.innerHTML = '<div class="dh-cover"><h1 class="dh-cover__title"></h1><p class="dh-cover__subtitle"></p>' +
      '<p class="dh-cover__date"></p><p class="dh-cover__versions"></p></div>'
    for (const [name, value] of Object.entries(cover)) section.querySelector(`.dh-cover__${name}`).textContent = value
    book().prepend(section)
    document.title = cover.title
    return cover
  }

  const flatten = (list) => list.flatMap((entry) => [entry, ...flatten(entry.children)])

  // Every heading's text as a reader sees it, without its permalink: the outline's titles are restored
  // from these (pdf_outline.py), because Chromium loses the space at each line wrap of a heading.
  const headingTexts = () => [...book().querySelectorAll("h1, h2, h3, h4, h5, h6")].map((heading) => {
    const copy = heading.cloneNode(true)
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove())
    return copy.textContent.replace(/\s+/g, " ").trim()
  })

  return {
    // Lay out the book; returns the cover's text, the id of every contents entry, the prefix of the ids of
    // their start marks, how their numbers look, and the headings' texts.
    prepare(builtOn) {
      window.dispatchEvent(new Event("beforeprint")) // what a browser does before printing
      document.querySelectorAll("#print-site-page details").forEach((details) => { details.open = true })
      const cover = addCover(builtOn)
      dropEmptyModules()
      nestUnderModules()
      const links = [...document.querySelectorAll("#print-page-toc a[href^='#']")] // print-site's: nav titles
      const titles = new Map(links.map((link) => [link.hash.slice(1), link.textContent.trim()]))
      const list = entries(book(), titles)
      const nav = document.querySelector("#print-page-toc nav")
      nav.querySelectorAll(":scope > :not(h1)").forEach((old) => old.remove())
      nav.append(contents(list))
      const all = flatten(list)
      markStarts(all)
      return { cover, ids: all.map((entry) => entry.id), slot: SLOT, style: numberStyle(), headings: headingTexts() }
    }
  }
})()
