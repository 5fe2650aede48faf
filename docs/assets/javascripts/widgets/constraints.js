/* The constrained-problem viewer: a two-variable problem's feasible region, its objective's level lines and
 * each constraint, labelled, with the iterates of real scipy.optimize.minimize runs (SLSQP, trust-constr)
 * or, for a linear program, HiGHS's optimal vertex and each constraint's marginal. Everything is recorded
 * during the build by snippets/constraint_recorder.py, including which constraints are active at each step:
 * this script only shows it. Payload: {title, xlabel, ylabel, xlim, ylim, active_tol, region: [ring],
 * levels: [{level, lines}], constraints: [{name, type, lines, label_at, marginal?}], runs: [{method, nit,
 * success, message, steps: [{x, f, g, active, violated}]}], lp?: {c, x, f, g, active, violated, status}}. */
(function () {
  "use strict";
  var W = window.downhillWidgets;
  if (!W) return;
  var DASHES = 6;  // dash patterns for the constraints' lines (see widgets.css); a seventh reuses the first
  var SERIES = 6;

  function pointsAttr(line, scale) {
    return line.map(function (p) { return scale.X(p[0]).toFixed(1) + "," + scale.Y(p[1]).toFixed(1); }).join(" ");
  }

  function pair(x) {
    return "(" + W.format(x[0]) + ", " + W.format(x[1]) + ")";
  }

  /* A legend picture of a constraint's dashed line. */
  function dash(index) {
    return W.svg("svg", { width: 30, height: 10, viewBox: "0 0 30 10", "aria-hidden": "true" }, [
      W.svg("line", { class: "dh-constraints__line", "data-dh-dash": index % DASHES, x1: 1, y1: 5, x2: 29, y2: 5 })
    ]);
  }

  function mount(element, data) {
    var id = W.uid("constraints");
    var lp = data.lp || null;
    var method = 0;
    var steps = function () { return lp ? [lp] : data.runs[method].steps; };
    var k = 0;  // the start first: the reader steps towards the answer

    var plot = W.html("div", { class: "dh-constraints__plot" });
    var status = W.html("p", { class: "dh-constraints__status", "aria-live": "polite" });
    var rows = data.constraints.map(function () { return W.html("tr"); });
    var readout = W.html("table", { class: "dh-constraints__readout" }, [
      W.html("caption", {}, [lp ? "Each constraint at the optimal vertex" : "Each constraint at the current step"]),
      W.html("thead", {}, [W.html("tr", {}, ["Constraint", "g(x)", "State"].concat(lp ? ["Marginal"] : []).map(
        function (name, column) { return W.html("th", { scope: "col", class: column && column !== 2 ? "dh-num" : null }, [name]); }
      ))]),
      W.html("tbody", {}, rows)
    ]);
    var root = W.html("div", { class: "dh-constraints", "data-mode": lp ? "lp" : "runs" }, [
      W.html("p", { class: "dh-constraints__title" }, [W.html("strong", {}, [data.title])])
    ]);

    var slider = null, radios = [];
    if (!lp) {
      radios = data.runs.map(function (run, index) {
        return W.html("input", { type: "radio", name: id + "-method", id: id + "-method-" + index, value: run.method,
          checked: index === method ? "" : null });
      });
      slider = W.html("input", { type: "range", id: id + "-k", min: 0, max: 0, step: 1, value: 0 });
      var previous = W.html("button", { type: "button", class: "dh-widget__button" }, ["Previous step"]);
      var next = W.html("button", { type: "button", class: "dh-widget__button" }, ["Next step"]);
      previous.addEventListener("click", function () { moveTo(k - 1); });
      next.addEventListener("click", function () { moveTo(k + 1); });
      root.appendChild(W.html("fieldset", { class: "dh-constraints__methods" }, [
        W.html("legend", {}, ["Method"]),
        W.html("ul", {}, data.runs.map(function (run, index) {
          return W.html("li", {}, [W.html("label", { for: radios[index].id }, [radios[index], run.method])]);
        }))
      ]));
      root.appendChild(plot);
      root.appendChild(W.html("div", { class: "dh-widget__controls" }, [
        W.html("div", { class: "dh-widget__field" }, [W.html("label", { for: slider.id }, ["Step"]), slider]),
        W.html("div", { class: "dh-constraints__buttons" }, [previous, next])
      ]));
      radios.forEach(function (radio, index) {
        radio.addEventListener("change", function () {
          if (!radio.checked) return;
          method = index;
          k = Math.min(k, steps().length - 1);
          update();
        });
      });
      slider.addEventListener("input", function () { moveTo(parseInt(slider.value, 10)); });
    } else {
      root.appendChild(plot);
    }
    root.appendChild(W.html("ul", { class: "dh-constraints__legend" }, data.constraints.map(function (constraint, index) {
      return W.html("li", {}, [dash(index), constraint.name + (constraint.type === "eq" ? " (equality)" : "")]);
    }).concat([W.html("li", {}, [
      W.svg("svg", { width: 18, height: 12, viewBox: "0 0 18 12", "aria-hidden": "true" }, [
        W.svg("rect", { class: "dh-constraints__region", x: 1, y: 1, width: 16, height: 10 })
      ]), "feasible region"
    ])])));
    root.appendChild(status);
    root.appendChild(readout);
    element.appendChild(root);

    var scale = null, layer = null, lines = [], labels = [];

    /* Axes, region, level lines, constraints: everything but the current step. Redrawn on resize. */
    function draw() {
      var width = Math.max(240, plot.clientWidth || 600);
      var m = { left: 46, right: 12, top: 10, bottom: 40 };
      var pw = width - m.left - m.right;
      var spanX = data.xlim[1] - data.xlim[0], spanY = data.ylim[1] - data.ylim[0];
      var ph = Math.round(Math.min(460, Math.max(200, pw * spanY / spanX)));  // equal units where it fits
      var height = ph + m.top + m.bottom;
      var X = function (v) { return m.left + (v - data.xlim[0]) / spanX * pw; };
      var Y = function (v) { return m.top + (data.ylim[1] - v) / spanY * ph; };
      scale = { X: X, Y: Y };
      var clip = W.uid("constraints-clip");

      var axes = W.svg("g", { class: "dh-widget__axes", "aria-hidden": "true" });
      W.ticks(data.xlim[0], data.xlim[1], Math.max(3, Math.floor(pw / 90))).forEach(function (t) {
        axes.appendChild(W.svg("line", { class: "dh-widget__grid", x1: X(t), x2: X(t), y1: m.top, y2: m.top + ph }));
        axes.appendChild(W.svg("text", { x: X(t), y: m.top + ph + 16, "text-anchor": "middle" }, [W.format(t)]));
      });
      W.ticks(data.ylim[0], data.ylim[1], Math.max(3, Math.floor(ph / 60))).forEach(function (t) {
        axes.appendChild(W.svg("line", { class: "dh-widget__grid", x1: m.left, x2: m.left + pw, y1: Y(t), y2: Y(t) }));
        axes.appendChild(W.svg("text", { x: m.left - 6, y: Y(t) + 4, "text-anchor": "end" }, [W.format(t)]));
      });
      axes.appendChild(W.svg("rect", { class: "dh-widget__frame", x: m.left, y: m.top, width: pw, height: ph }));
      axes.appendChild(W.svg("text", { x: m.left + pw / 2, y: height - 4, "text-anchor": "middle" }, [data.xlabel]));
      axes.appendChild(W.svg("text", {
        x: 0, y: 0, "text-anchor": "middle", transform: "translate(12," + (m.top + ph / 2) + ") rotate(-90)"
      }, [data.ylabel]));

      // One path of every ring, even-odd: a ring inside another is a hole.
      var region = W.svg("path", {
        class: "dh-constraints__region", "fill-rule": "evenodd",
        d: data.region.map(function (ring) { return "M" + pointsAttr(ring, scale).replace(/ /g, "L") + "Z"; }).join("")
      });
      var levels = W.svg("g", {}, [].concat.apply([], data.levels.map(function (level) {
        return level.lines.map(function (line) {
          return W.svg("polyline", { class: "dh-constraints__level", "data-level": level.level, points: pointsAttr(line, scale) });
        });
      })));
      lines = data.constraints.map(function (constraint, index) {
        return W.svg("g", { class: "dh-constraints__constraint", "data-name": constraint.name, "data-dh-dash": index % DASHES },
          constraint.lines.map(function (line) {
            return W.svg("polyline", { class: "dh-constraints__line", points: pointsAttr(line, scale) });
          }));
      });
      labels = data.constraints.map(function (constraint) {
        if (!constraint.label_at) return null;
        var x = Math.max(m.left + 4, Math.min(m.left + pw - 4, X(constraint.label_at[0])));
        var anchor = x < m.left + pw * 0.3 ? "start" : x > m.left + pw * 0.7 ? "end" : "middle";
        return W.svg("text", { class: "dh-constraints__label", x: x.toFixed(1), y: (Y(constraint.label_at[1]) - 6).toFixed(1),
          "text-anchor": anchor, "data-name": constraint.name });
      });
      layer = W.svg("g", { class: "dh-constraints__layer" });
      plot.replaceChildren(W.svg("svg", {
        width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
        "aria-label": "Feasible region, level lines and constraints of " + data.title +
          (lp ? ", with the optimal vertex." : ", with the iterates of " + data.runs.map(function (r) { return r.method; }).join(" and ") + ".") +
          " The text below gives the numbers."
      }, [
        W.svg("defs", {}, [W.svg("clipPath", { id: clip }, [W.svg("rect", { x: m.left, y: m.top, width: pw, height: ph })])]),
        axes,
        W.svg("g", { "clip-path": "url(#" + clip + ")" }, [region, levels].concat(lines, [layer])),
        W.svg("g", { "aria-hidden": "true" }, labels.filter(Boolean))
      ]));
      update();
    }

    /* The current step: the path so far, the highlighted active constraints, and the text that says them. */
    function update() {
      var all = steps(), last = all.length - 1, step = all[k];
      root.setAttribute("data-k", k);
      if (!lp) {
        root.setAttribute("data-method", data.runs[method].method);
        slider.max = last;
        slider.value = k;
        slider.setAttribute("aria-valuetext", "step " + k + " of " + last);
      }
      var upto = all.slice(0, k + 1);
      var here = scale.X(step.x[0]), there = scale.Y(step.x[1]);
      var attrs = { class: "dh-constraints__current", "data-x": String(step.x[0]), "data-y": String(step.x[1]), "data-k": k };
      layer.replaceChildren.apply(layer, lp ? [W.svg("polygon", Object.assign(attrs, {
        class: "dh-constraints__current dh-constraints__vertex", points: star(here, there, 10)
      }))] : [
        W.svg("polyline", { class: "dh-constraints__path", "data-dh-series": method % SERIES, points: pointsAttr(upto.map(function (s) { return s.x; }), scale) })
      ].concat(upto.slice(0, -1).map(function (s) {
        return W.svg("circle", { class: "dh-constraints__dot", "data-dh-series": method % SERIES,
          cx: scale.X(s.x[0]).toFixed(1), cy: scale.Y(s.x[1]).toFixed(1), r: 2.5 });
      }), [W.svg("circle", Object.assign(attrs, { "data-dh-series": method % SERIES, cx: here.toFixed(1), cy: there.toFixed(1), r: 6 }))]));

      var active = [];
      data.constraints.forEach(function (constraint, index) {
        var on = step.active[index], state = on ? "active" : step.violated[index] ? "violated" : "inactive";
        lines[index].setAttribute("data-state", state);
        var name = constraint.name + (constraint.marginal !== undefined ? ", marginal " + W.format(constraint.marginal) : "");
        if (on) active.push(name);
        if (labels[index]) labels[index].textContent = constraint.name +
          (constraint.marginal !== undefined ? " · marginal " + W.format(constraint.marginal) : "") + (on ? " · active" : "");
        if (labels[index]) labels[index].setAttribute("data-state", state);
        rows[index].setAttribute("data-state", state);
        rows[index].replaceChildren.apply(rows[index], [
          W.html("th", { scope: "row" }, [constraint.name]),
          W.html("td", { class: "dh-num" }, [W.format(step.g[index])]),
          W.html("td", {}, [state])
        ].concat(lp ? [W.html("td", { class: "dh-num" }, [W.format(constraint.marginal)])] : []));
      });
      var rule = "Active (|g| ≤ " + W.format(data.active_tol) + "): " + (active.join("; ") || "none") + ".";
      if (lp) {
        status.textContent = "Optimal vertex x = " + pair(step.x) + ", objective c·x = " + W.format(step.f) + ". " + rule;
      } else {
        var run = data.runs[method];
        status.textContent = run.method + ", step " + k + " of " + last + ": x = " + pair(step.x) + ", f = " +
          W.format(step.f) + ". " + rule + (k === last ? " " + (run.success ? "Converged: " : "Stopped: ") + run.message : "");
      }
    }

    function moveTo(next) {
      next = Math.max(0, Math.min(steps().length - 1, next));
      if (next !== k) {
        k = next;
        update();
      }
    }

    draw();
    W.onResize(plot, draw);
  }

  /* The LP's optimal vertex: a star, so it does not rely on colour. */
  function star(cx, cy, size) {
    var corners = [];
    for (var i = 0; i < 10; i++) {
      var r = i % 2 ? size * 0.45 : size, angle = (-90 + i * 36) * Math.PI / 180;
      corners.push((cx + r * Math.cos(angle)).toFixed(1) + "," + (cy + r * Math.sin(angle)).toFixed(1));
    }
    return corners.join(" ");
  }

  W.register("constraints", mount);
})();
