/* The fitting widget: data, the fits of several losses, and their residuals, while the reader moves one data
 * point. Every fit is a real scipy.optimize.least_squares run recorded during the build by
 * snippets/fit_recorder.py, one per grid position of the point and loss; this script only shows the recorded
 * run for the grid position nearest the pointer. Payload: {title, xlabel, ylabel, names, t, y, index, grid,
 * start, samples, f_scale, fits: [{loss, runs: [{params, curve, residuals, cost, nfev, status}]}]}, where
 * runs[k] is the run with y[index] = grid[k], curve[j] the fitted model at samples[j], residuals[i] its
 * model minus data at t[i]. */
(function () {
  "use strict";
  var W = window.downhillWidgets;
  if (!W) return;
  var SERIES = 4;  // colours, dash patterns and marker shapes; a fifth loss reuses the first
  var HANDLE_STEP = 5;  // positions moved by Page Up and Page Down

  /* A residual marker: circle, square, triangle, diamond, so losses differ by shape as well as colour. */
  function marker(series, cx, cy, size, attrs) {
    var shape = series % SERIES;
    if (shape === 0) return W.svg("circle", Object.assign({ cx: cx, cy: cy, r: size * 0.8 }, attrs));
    var spec = [null, [4, 45], [3, -90], [4, 0]][shape];
    var corners = [];
    for (var i = 0; i < spec[0]; i++) {
      var angle = (spec[1] + i * 360 / spec[0]) * Math.PI / 180;
      corners.push((cx + size * 1.1 * Math.cos(angle)).toFixed(1) + "," + (cy + size * 1.1 * Math.sin(angle)).toFixed(1));
    }
    return W.svg("polygon", Object.assign({ points: corners.join(" ") }, attrs));
  }

  /* A legend picture: the loss's dashed line and its residual marker. */
  function swatch(series) {
    return W.svg("svg", { width: 34, height: 14, viewBox: "0 0 34 14", "aria-hidden": "true", "data-dh-series": series % SERIES }, [
      W.svg("line", { class: "dh-fit__curve", x1: 1, y1: 7, x2: 33, y2: 7 }),
      marker(series, 17, 7, 4, { class: "dh-fit__marker" })
    ]);
  }

  function span(values) {
    return [Math.min.apply(null, values), Math.max.apply(null, values)];
  }

  function padded(range, share) {
    var pad = (range[1] - range[0] || 1) * share;
    return [range[0] - pad, range[1] + pad];
  }

  function mount(element, data) {
    var last = data.grid.length - 1;
    var k = data.start;
    var tMoved = data.t[data.index];
    // Fixed limits over every recorded run, so the axes stay put while the point moves.
    var xlim = padded(span(data.t), 0.03);
    var ylim = padded(span(data.y.filter(function (v, i) { return i !== data.index; }).concat(data.grid,
      [].concat.apply([], data.fits.map(function (fit) {
        return [].concat.apply([], fit.runs.map(function (run) { return run.curve; }));
      })))), 0.06);
    var rmax = Math.max.apply(null, [].concat.apply([], data.fits.map(function (fit) {
      return [].concat.apply([], fit.runs.map(function (run) { return run.residuals.map(Math.abs); }));
    }))) * 1.1 || 1;

    var plot = W.html("div", { class: "dh-fit__plot" });
    var status = W.html("div", { class: "dh-fit__status", "aria-live": "polite" });
    var legend = W.html("ul", { class: "dh-fit__legend" }, [
      W.html("li", {}, [W.svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" }, [
        W.svg("circle", { class: "dh-fit__point", cx: 7, cy: 7, r: 3.5 })
      ]), "data"]),
      W.html("li", {}, [W.svg("svg", { width: 18, height: 18, viewBox: "0 0 18 18", "aria-hidden": "true" }, [
        W.svg("circle", { class: "dh-fit__ring", cx: 9, cy: 9, r: 6.5 })
      ]), "the point you move"])
    ].concat(data.fits.map(function (fit, series) {
      return W.html("li", {}, [swatch(series), 'loss="' + fit.loss + '"']);
    })));
    var root = W.html("div", { class: "dh-fit", "data-k": k }, [
      W.html("p", { class: "dh-fit__title" }, [W.html("strong", {}, [data.title])]),
      W.html("p", { class: "dh-fit__hint" }, [
        "Drag the ringed point up or down, or focus it and use the arrow keys (Home and End jump to the ends)."
      ]),
      plot,
      legend,
      status
    ]);
    element.appendChild(root);

    var handle = null, curves = [], marks = [], scale = null;

    /* Axes, data and empty marks at the plot's pixel width; update() fills in grid position k. */
    function draw() {
      var width = Math.max(240, plot.clientWidth || 600);
      var m = { left: 46, right: 12, top: 10, bottom: 36, gap: 30 };
      var pw = width - m.left - m.right;
      var ph = Math.round(Math.min(340, Math.max(170, pw * 0.5)));
      var rh = Math.round(Math.max(80, ph * 0.38));
      var rtop = m.top + ph + m.gap;
      var height = rtop + rh + m.bottom;
      var X = function (v) { return m.left + (v - xlim[0]) / (xlim[1] - xlim[0]) * pw; };
      var Y = function (v) { return m.top + (ylim[1] - v) / (ylim[1] - ylim[0]) * ph; };
      var R = function (v) { return rtop + (rmax - v) / (2 * rmax) * rh; };
      var toValue = function (py) { return ylim[1] - (py - m.top) / ph * (ylim[1] - ylim[0]); };
      scale = { X: X, Y: Y, R: R, toValue: toValue, height: height };
      var id = W.uid("fit");

      var axes = W.svg("g", { class: "dh-widget__axes", "aria-hidden": "true" });
      var xticks = W.ticks(xlim[0], xlim[1], Math.max(3, Math.floor(pw / 80)));
      [[m.top, ph, ylim, Y, Math.max(3, Math.floor(ph / 55))], [rtop, rh, [-rmax, rmax], R, 3]].forEach(function (panel) {
        xticks.forEach(function (t) {
          axes.appendChild(W.svg("line", { class: "dh-widget__grid", x1: X(t), x2: X(t), y1: panel[0], y2: panel[0] + panel[1] }));
        });
        W.ticks(panel[2][0], panel[2][1], panel[4]).forEach(function (v) {
          axes.appendChild(W.svg("line", { class: "dh-widget__grid", x1: m.left, x2: m.left + pw, y1: panel[3](v), y2: panel[3](v) }));
          axes.appendChild(W.svg("text", { x: m.left - 6, y: panel[3](v) + 4, "text-anchor": "end" }, [W.format(v)]));
        });
        axes.appendChild(W.svg("rect", { class: "dh-widget__frame", x: m.left, y: panel[0], width: pw, height: panel[1] }));
      });
      xticks.forEach(function (t) {
        axes.appendChild(W.svg("text", { x: X(t), y: rtop + rh + 16, "text-anchor": "middle" }, [W.format(t)]));
      });
      axes.appendChild(W.svg("line", { class: "dh-fit__zero", x1: m.left, x2: m.left + pw, y1: R(0), y2: R(0) }));
      axes.appendChild(W.svg("text", { x: m.left + pw / 2, y: height - 4, "text-anchor": "middle" }, [data.xlabel]));
      [[m.top + ph / 2, data.ylabel], [rtop + rh / 2, "residual"]].forEach(function (label) {
        axes.appendChild(W.svg("text", {
          x: 0, y: 0, "text-anchor": "middle", transform: "translate(12," + label[0] + ") rotate(-90)"
        }, [label[1]]));
      });

      // The moved point's track: the range of y-values recorded for it.
      var track = W.svg("line", {
        class: "dh-fit__track", "aria-hidden": "true",
        x1: X(tMoved), x2: X(tMoved), y1: Y(data.grid[0]), y2: Y(data.grid[last])
      });
      var points = W.svg("g", { "aria-hidden": "true" }, data.t.map(function (t, i) {
        if (i === data.index) return null;
        return W.svg("circle", { class: "dh-fit__point", cx: X(t).toFixed(2), cy: Y(data.y[i]).toFixed(2), r: 3.5, "data-i": i, "data-y": String(data.y[i]) });
      }).filter(Boolean));
      curves = data.fits.map(function (fit, series) {
        return W.svg("polyline", { class: "dh-fit__curve", "data-loss": fit.loss, "data-dh-series": series % SERIES });
      });
      marks = data.fits.map(function (fit, series) {
        return W.svg("g", { class: "dh-fit__residuals", "data-loss": fit.loss, "data-dh-series": series % SERIES, "aria-hidden": "true" });
      });
      handle = W.svg("g", {
        class: "dh-fit__handle", tabindex: 0, role: "slider", "aria-orientation": "vertical",
        "aria-label": "y-value of the point at " + data.xlabel + " = " + W.format(tMoved),
        "aria-valuemin": data.grid[0], "aria-valuemax": data.grid[last]
      }, [
        W.svg("circle", { class: "dh-fit__hit", r: 20 }),
        W.svg("circle", { class: "dh-fit__focus", r: 12 }),
        W.svg("circle", { class: "dh-fit__ring", r: 7.5 })
      ]);
      var clip = id + "-clip";
      plot.replaceChildren(W.svg("svg", {
        width: width, height: height, viewBox: "0 0 " + width + " " + height,
        role: "group", "aria-label": "Fits of " + data.title + " and their residuals; the text below gives the numbers."
      }, [
        W.svg("defs", {}, [W.svg("clipPath", { id: clip }, [W.svg("rect", { x: m.left, y: m.top, width: pw, height: ph })])]),
        axes,
        W.svg("g", { "clip-path": "url(#" + clip + ")", "aria-hidden": "true" }, curves),
        track,
        points
      ].concat(marks, [handle])));
      handle.addEventListener("keydown", onKey);
      handle.addEventListener("pointerdown", onDown);
      handle.addEventListener("pointermove", onMove);
      ["pointerup", "pointercancel", "lostpointercapture"].forEach(function (type) {
        handle.addEventListener(type, function () { dragging = false; });
      });
      update();
    }

    /* Grid position k: the handle, each loss's recorded curve and residuals, and the text that says them. */
    function update() {
      var value = data.grid[k];
      root.setAttribute("data-k", k);
      handle.setAttribute("transform", "translate(" + scale.X(tMoved).toFixed(2) + "," + scale.Y(value).toFixed(2) + ")");
      handle.setAttribute("aria-valuenow", value);
      handle.setAttribute("aria-valuetext", W.format(value) + ", position " + (k + 1) + " of " + (last + 1));
      data.fits.forEach(function (fit, series) {
        var run = fit.runs[k];
        curves[series].setAttribute("points", data.samples.map(function (t, j) {
          return scale.X(t).toFixed(2) + "," + scale.Y(run.curve[j]).toFixed(2);
        }).join(" "));
        curves[series].setAttribute("data-k", k);
        var dx = 7 * (series - (data.fits.length - 1) / 2);  // markers side by side, not on top of each other
        marks[series].setAttribute("data-k", k);
        marks[series].replaceChildren.apply(marks[series], run.residuals.map(function (r, i) {
          var x = scale.X(data.t[i]) + dx;
          return W.svg("g", { class: "dh-fit__residual", "data-i": i, "data-residual": String(r) }, [
            W.svg("line", { class: "dh-fit__stem", x1: x, x2: x, y1: scale.R(0), y2: scale.R(r) }),
            marker(series, x, scale.R(r), 3.2, { class: "dh-fit__marker" })
          ]);
        }));
      });
      status.replaceChildren.apply(status, [
        W.html("p", { class: "dh-fit__position" }, [
          "The moved point (" + data.xlabel + " = " + W.format(tMoved) + ") is at " + data.ylabel + " = " + W.format(value) +
          ", position " + (k + 1) + " of " + (last + 1) + "."
        ])
      ].concat(data.fits.map(function (fit) {
        var run = fit.runs[k];
        return W.html("p", { class: "dh-fit__params", "data-loss": fit.loss }, [
          W.html("strong", {}, ['loss="' + fit.loss + '"']), ": " +
          data.names.map(function (name, p) { return name + " = " + W.format(run.params[p]); }).join(", ") +
          "; cost " + W.format(run.cost) + ", " + run.nfev + " evaluations, status " + run.status + "."
        ]);
      })));
    }

    function moveTo(next) {
      next = Math.max(0, Math.min(last, next));
      if (next !== k) {
        k = next;
        update();
      }
    }

    function onKey(event) {
      var keys = { ArrowUp: k + 1, ArrowRight: k + 1, ArrowDown: k - 1, ArrowLeft: k - 1,
        PageUp: k + HANDLE_STEP, PageDown: k - HANDLE_STEP, Home: 0, End: last };
      if (!(event.key in keys)) return;
      event.preventDefault();  // the page must not scroll while the point moves
      moveTo(keys[event.key]);
    }

    /* Dragging snaps to the recorded position nearest the pointer: there is no fit between grid values. */
    var dragging = false;
    function onDown(event) {
      dragging = true;
      handle.setPointerCapture(event.pointerId);
      handle.focus();
      event.preventDefault();
    }
    function onMove(event) {
      if (!dragging) return;
      var box = handle.ownerSVGElement.getBoundingClientRect();
      var value = scale.toValue((event.clientY - box.top) * scale.height / box.height);
      var nearest = 0;
      data.grid.forEach(function (g, i) {
        if (Math.abs(g - value) < Math.abs(data.grid[nearest] - value)) nearest = i;
      });
      moveTo(nearest);
    }

    draw();
    W.onResize(plot, draw);
  }

  W.register("fit", mount);
})();
