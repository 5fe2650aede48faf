/* Reader progress, kept in this browser's localStorage only: no login, no server.
 * One record holds completed lessons, quiz answers and the reader's confidence, each keyed by the lesson's
 * stable id (the `id:` of its front matter), so renaming a lesson or moving it keeps what is stored. The quiz
 * script writes answers through window.downhillProgress; this script draws the completion toggles, the
 * confidence check, the states on the home and module pages, the course map's marks, and export and import.
 * Runs on every page view, including Material's instant navigation (document$). */
(function () {
  "use strict";
  var KEY = "downhill.progress.v2";
  var OLD_KEY = "downhill.progress.v1"; // until 2026-12: keyed by file name, which every lesson's id equals
  var CONFIDENCE = { yes: "can explain it", "not-yet": "not yet explained" };

  function empty() {
    return { version: 2, completed: {}, quizzes: {}, confidence: {} };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (error) {
      return null; /* unreadable or blocked storage */
    }
  }

  function load() {
    var data = read(KEY);
    if (isObject(data) && data.version === 2 && isObject(data.completed) && isObject(data.quizzes)) {
      data.confidence = isObject(data.confidence) ? data.confidence : {};
      return data;
    }
    return empty();
  }

  function save(data) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
    } catch (error) {
      /* storage full or blocked: progress simply is not kept */
    }
  }

  /* A version 1 record becomes version 2 once, on the first load; the old one stays, in case. */
  function migrate() {
    var old = read(OLD_KEY);
    if (read(KEY) !== null || !isObject(old) || old.version !== 1) return;
    var data = empty();
    if (isObject(old.completed)) data.completed = old.completed;
    if (isObject(old.quizzes)) data.quizzes = old.quizzes;
    save(data);
  }

  function quizScore(data, lesson) {
    var answers = data.quizzes[lesson] || {};
    var ids = Object.keys(answers);
    var correct = ids.filter(function (id) { return answers[id].correct; }).length;
    return { correct: correct, answered: ids.length };
  }

  /* What a file holds that this course can take: each entry checked, the rest listed as ignored.
   * Returns {error} for a file that is not a Downhill progress export at all: then nothing is taken. */
  function parseImport(text, known) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { error: "This file is not JSON, so it is not a Downhill progress export." };
    }
    if (!isObject(data) || (data.version !== 1 && data.version !== 2) || !isObject(data.completed) || !isObject(data.quizzes)) {
      return { error: "This file is not a Downhill progress export (version 1 or 2, with completed lessons and quizzes)." };
    }
    var taken = { completed: {}, quizzes: {}, confidence: {} };
    var counts = { completed: 0, answers: 0, confidence: 0 };
    var ignored = [];
    function lessonOk(id, what) {
      if (known.indexOf(id) !== -1) return true;
      ignored.push(what + " for “" + id + "”, not a lesson of this course");
      return false;
    }
    Object.keys(data.completed).forEach(function (id) {
      if (!lessonOk(id, "completion")) return;
      if (typeof data.completed[id] !== "string") return ignored.push("completion for “" + id + "”: not a date");
      taken.completed[id] = data.completed[id];
      counts.completed += 1;
    });
    Object.keys(data.quizzes).forEach(function (id) {
      if (!lessonOk(id, "quiz answers")) return;
      var answers = data.quizzes[id];
      if (!isObject(answers)) return ignored.push("quiz answers for “" + id + "”: not a list of answers");
      Object.keys(answers).forEach(function (question) {
        var answer = answers[question];
        var good = isObject(answer) && typeof answer.correct === "boolean" && Array.isArray(answer.selected) &&
          answer.selected.every(function (index) { return Number.isInteger(index) && index >= 0; });
        if (!good) return ignored.push("answer “" + question + "” in “" + id + "”: malformed");
        taken.quizzes[id] = taken.quizzes[id] || {};
        taken.quizzes[id][question] = { correct: answer.correct, selected: answer.selected, at: String(answer.at || "") };
        counts.answers += 1;
      });
    });
    var confidence = isObject(data.confidence) ? data.confidence : {};
    Object.keys(confidence).forEach(function (id) {
      if (!lessonOk(id, "confidence")) return;
      var entry = confidence[id];
      if (!isObject(entry) || !CONFIDENCE.hasOwnProperty(entry.value)) return ignored.push("confidence for “" + id + "”: not yes or not yet");
      taken.confidence[id] = { value: entry.value, at: String(entry.at || "") };
      counts.confidence += 1;
    });
    return { taken: taken, counts: counts, ignored: ignored };
  }

  /* Imported entries replace the same entries here; everything else kept here stays. */
  function merge(data, taken) {
    Object.keys(taken.completed).forEach(function (id) { data.completed[id] = taken.completed[id]; });
    Object.keys(taken.quizzes).forEach(function (id) {
      data.quizzes[id] = data.quizzes[id] || {};
      Object.keys(taken.quizzes[id]).forEach(function (q) { data.quizzes[id][q] = taken.quizzes[id][q]; });
    });
    Object.keys(taken.confidence).forEach(function (id) { data.confidence[id] = taken.confidence[id]; });
    return data;
  }

  function plural(count, word) {
    return count + " " + word + (count === 1 ? "" : "s");
  }

  var api = {
    load: load,
    save: save,
    parseImport: parseImport,
    recordAnswer: function (lesson, question, correct, selected) {
      var data = load();
      data.quizzes[lesson] = data.quizzes[lesson] || {};
      data.quizzes[lesson][question] = { correct: correct, selected: selected, at: new Date().toISOString() };
      save(data);
    },
    answer: function (lesson, question) {
      return (load().quizzes[lesson] || {})[question] || null;
    },
    quizScore: function (lesson) { return quizScore(load(), lesson); }
  };
  window.downhillProgress = api;

  function drawCompletion(root) {
    var lesson = root.getAttribute("data-lesson");
    var button = root.querySelector(".dh-complete__button");
    var status = root.querySelector(".dh-complete__status");
    var check = root.querySelector(".dh-confidence");
    function draw() {
      var data = load();
      var done = Boolean(data.completed[lesson]);
      var confidence = (data.confidence[lesson] || {}).value;
      button.setAttribute("aria-pressed", done ? "true" : "false");
      button.textContent = done ? "Completed ✓ (undo)" : "Mark this lesson complete";
      status.textContent = done ? "Lesson marked complete." : "";
      if (!check) return;
      check.hidden = !done;
      check.querySelectorAll(".dh-confidence__answer").forEach(function (answer) {
        answer.setAttribute("aria-pressed", answer.getAttribute("data-value") === confidence ? "true" : "false");
      });
    }
    button.addEventListener("click", function () {
      var data = load();
      if (data.completed[lesson]) delete data.completed[lesson];
      else data.completed[lesson] = new Date().toISOString();
      save(data);
      draw();
    });
    if (check) {
      check.querySelectorAll(".dh-confidence__answer").forEach(function (answer) {
        answer.addEventListener("click", function () {
          var data = load();
          data.confidence[lesson] = { value: answer.getAttribute("data-value"), at: new Date().toISOString() };
          save(data);
          draw();
        });
      });
    }
    draw();
  }

  /* Every lesson's state wherever a page lists lessons (home, module pages) and on the course map. */
  function drawStates() {
    var data = load();
    var done = 0;
    document.querySelectorAll(".dh-course__state[data-lesson]").forEach(function (slot) {
      var lesson = slot.getAttribute("data-lesson");
      var score = quizScore(data, lesson);
      var confidence = (data.confidence[lesson] || {}).value;
      var parts = [];
      if (data.completed[lesson]) { done += 1; parts.push("✓ done"); }
      if (score.answered) parts.push("quiz " + score.correct + "/" + score.answered);
      if (confidence) parts.push(CONFIDENCE[confidence]);
      slot.textContent = parts.join(" · ");
    });
    document.querySelectorAll(".dh-map__node[data-lesson]").forEach(function (node) {
      node.classList.toggle("dh-map__node--done", Boolean(data.completed[node.getAttribute("data-lesson")]));
    });
    return done;
  }

  function drawSummary(root) {
    var total = Number(root.getAttribute("data-total"));
    var known = (root.getAttribute("data-lessons") || "").split(" ");
    var summary = root.querySelector(".dh-progress__summary");
    var message = root.querySelector(".dh-progress__message");
    var file = root.querySelector(".dh-progress__file");
    function draw() {
      var done = drawStates();
      var percent = total ? Math.round((100 * done) / total) : 0;
      summary.textContent = done + " of " + total + " lessons done (" + percent + "% of the course).";
    }
    root.querySelector(".dh-progress__export").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "downhill-progress.json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    });
    root.querySelector(".dh-progress__import").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var chosen = file.files[0];
      if (!chosen) return;
      chosen.text().then(function (text) {
        var result = parseImport(text, known);
        file.value = "";
        if (result.error) {
          message.textContent = result.error + " Nothing was changed.";
          message.className = "dh-progress__message is-wrong";
          return;
        }
        save(merge(load(), result.taken));
        draw();
        var counts = result.counts;
        message.textContent = "Restored " + plural(counts.completed, "completed lesson") + ", " +
          plural(counts.answers, "quiz answer") + " and " + plural(counts.confidence, "confidence answer") + ". " +
          (result.ignored.length ? "Ignored: " + result.ignored.join("; ") + "." : "Nothing was ignored.");
        message.className = "dh-progress__message is-right";
      });
    });
    root.querySelector(".dh-progress__reset").addEventListener("click", function () {
      if (window.confirm("Forget every completed lesson, quiz answer and confidence answer kept in this browser?")) {
        save(empty());
        draw();
      }
    });
    draw();
  }

  function init() {
    document.querySelectorAll(".dh-complete[data-lesson]").forEach(drawCompletion);
    var summaries = document.querySelectorAll(".dh-progress[data-total]");
    summaries.forEach(drawSummary);
    if (!summaries.length) drawStates();
  }

  migrate();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
