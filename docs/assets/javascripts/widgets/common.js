/* What every interactive figure needs (see notes/widgets-contract.md): mounting on each page view, including
 * Material's instant navigation, and small SVG and number helpers. explorer.js and paths.js register with
 * window.downhillWidgets.register(kind, mount); mount(element, data) builds the widget inside the element. */
(function () {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var counter = 0;

  /* Give each widget's ids a unique prefix: a page can hold several widgets of a kind. */
  function uid(kind) {
    counter += 1;
    return "dh-" + kind + "-" + counter;
  }

  /* An element with attributes and children; an SVG element when ns is SVG_NS. */
  function make(ns, tag, attrs, children) {
    var node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function html(tag, attrs, children) { return make(null, tag, attrs, children); }
  function svg(tag, attrs, children) { return make(SVG_NS, tag, attrs, children); }

  /* About `count` round tick values (1, 2 or 5 times a power of ten) between lo and hi. */
  function ticks(lo, hi, count) {
    var raw = (hi - lo) / Math.max(1, count);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    // The round step nearest the raw one (by ratio), so narrow plots still get three or four ticks.
    var step = [1, 2, 5, 10].map(function (m) { return m * power; }).reduce(function (best, s) {
      return Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best;
    });
    var values = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      values.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));  // no 0.30000000000000004
    }
    return values;
  }

  /* A number for people: 6 significant digits, exponent form when tiny or huge, a true minus sign. */
  function format(value) {
    var text;
    if (!isFinite(value)) text = String(value);
    else if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-4)) {
      text = Number(value.toPrecision(4)).toExponential();  // 1e-6, not 1.000e-6
    }
    else text = String(Number(value.toPrecision(6)));
    return text.replace(/-/g, "\u2212");
  }

  /* The contract's post-mount steps: mark live, hide the no-JS text, keep the static figure for print only. */
  function goLive(element) {
    element.classList.add("dh-widget--live");
    var fallback = element.querySelector(".dh-widget__fallback");
    if (fallback) fallback.hidden = true;
    for (var next = element.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.tagName !== "P" || !next.querySelector("img.dh-widget-static")) break;
      next.classList.add("dh-print-only");
    }
  }

  function mountAll(kind, mount) {
    document.querySelectorAll('.dh-widget[data-widget="' + kind + '"]').forEach(function (element) {
      if (element.hasAttribute("data-dh-mounted")) return;
      element.setAttribute("data-dh-mounted", "");
      // The payload's carrier is an inert <template>: Material's instant navigation re-runs inline scripts.
      var carrier = element.querySelector(".dh-widget__data");
      // A widget that cannot be built keeps its fallback text and static figure; the error is reported.
      try {
        if (!carrier) throw new Error("no .dh-widget__data element: nothing to draw");
        mount(element, JSON.parse(carrier.content.textContent));
        goLive(element);
      } catch (error) {
        console.error("Downhill " + kind + " widget could not be shown:", error);
      }
    });
  }

  /* Run `mount` on every widget of `kind` on this page view and each one instant navigation brings. */
  function register(kind, mount) {
    var run = function () { mountAll(kind, mount); };
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(run);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", run);
    } else {
      run();
    }
  }

  /* Redraw when the widget's width changes: SVGs are drawn at their real pixel size, so text stays legible. */
  function onResize(element, draw) {
    var width = element.clientWidth;
    if (!window.ResizeObserver) return;
    var observer = new ResizeObserver(function () {
      if (!element.isConnected) {  // instant navigation replaced the page: let it go
        observer.disconnect();
        return;
      }
      if (element.clientWidth !== width && element.clientWidth > 0) {
        width = element.clientWidth;
        draw();
      }
    });
    observer.observe(element);
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  window.downhillWidgets = {
    register: register, uid: uid, html: html, svg: svg, ticks: ticks, format: format,
    onResize: onResize, reducedMotion: reducedMotion
  };
})();
