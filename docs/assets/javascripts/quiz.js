/* "Check yourself" questions: real radio buttons and checkboxes, feedback in a live region, hints on
 * request, and answers kept through window.downhillProgress (progress.js), so they survive a reload.
 * Runs on every page view, including Material's instant navigation (document$). */
(function () {
  "use strict";

  function chosen(quiz) {
    return Array.prototype.filter
      .call(quiz.querySelectorAll("input"), function (input) { return input.checked; })
      .map(function (input) { return Number(input.value); });
  }

  function correctSet(quiz) {
    return Array.prototype.filter
      .call(quiz.querySelectorAll("input"), function (input) { return input.hasAttribute("data-correct"); })
      .map(function (input) { return Number(input.value); });
  }

  function show(quiz, selected, record) {
    var correct = correctSet(quiz);
    var right = selected.length === correct.length &&
      selected.every(function (index) { return correct.indexOf(index) !== -1; });
    quiz.querySelectorAll(".dh-quiz__option").forEach(function (option, index) {
      var picked = selected.indexOf(index) !== -1;
      option.classList.toggle("is-right", picked && correct.indexOf(index) !== -1);
      option.classList.toggle("is-wrong", picked && correct.indexOf(index) === -1);
    });
    quiz.querySelectorAll(".dh-quiz__why").forEach(function (why) {
      var index = Number(why.getAttribute("data-option"));
      why.hidden = !(selected.indexOf(index) !== -1 || (right && correct.indexOf(index) !== -1));
    });
    var explanation = quiz.querySelector(".dh-quiz__explanation");
    if (explanation) explanation.hidden = false;
    var feedback = quiz.querySelector(".dh-quiz__feedback");
    feedback.textContent = right
      ? "Correct."
      : (correct.length > 1 ? "Not quite: select every correct answer and no other." : "Not quite. Read why, then try another answer.");
    feedback.classList.toggle("is-right", right);
    feedback.classList.toggle("is-wrong", !right);
    if (record && window.downhillProgress) {
      window.downhillProgress.recordAnswer(quiz.getAttribute("data-lesson"), quiz.getAttribute("data-question"), right, selected);
    }
    drawScore(quiz.getAttribute("data-lesson"));
  }

  function clear(quiz) {
    quiz.querySelectorAll("input").forEach(function (input) { input.checked = false; });
    quiz.querySelectorAll(".dh-quiz__option").forEach(function (option) { option.classList.remove("is-right", "is-wrong"); });
    quiz.querySelectorAll(".dh-quiz__why").forEach(function (why) { why.hidden = true; });
    var explanation = quiz.querySelector(".dh-quiz__explanation");
    if (explanation) explanation.hidden = true;
    var feedback = quiz.querySelector(".dh-quiz__feedback");
    feedback.textContent = "";
    feedback.classList.remove("is-right", "is-wrong");
  }

  function drawScore(lesson) {
    var slot = document.querySelector('.dh-quiz-score[data-lesson="' + lesson + '"]');
    if (!slot || !window.downhillProgress) return;
    var total = document.querySelectorAll('.dh-quiz[data-lesson="' + lesson + '"]').length;
    var score = window.downhillProgress.quizScore(lesson);
    slot.textContent = score.answered
      ? "Your score: " + score.correct + " of " + total + " correct (" + score.answered + " answered)."
      : "Your answers are kept in this browser.";
  }

  function wire(quiz) {
    var multiple = quiz.getAttribute("data-multiple") === "true";
    if (!multiple) {
      quiz.querySelectorAll("input").forEach(function (input) {
        input.addEventListener("change", function () { show(quiz, chosen(quiz), true); });
      });
    } else {
      quiz.querySelector(".dh-quiz__check").addEventListener("click", function () {
        if (chosen(quiz).length) show(quiz, chosen(quiz), true);
        else quiz.querySelector(".dh-quiz__feedback").textContent = "Select at least one answer first.";
      });
    }
    var hintButton = quiz.querySelector(".dh-quiz__hint-button");
    if (hintButton) {
      hintButton.addEventListener("click", function () {
        var hint = document.getElementById(hintButton.getAttribute("aria-controls"));
        hint.hidden = !hint.hidden;
        hintButton.setAttribute("aria-expanded", hint.hidden ? "false" : "true");
        hintButton.textContent = hint.hidden ? "Show a hint" : "Hide the hint";
      });
    }
    quiz.querySelector(".dh-quiz__reset").addEventListener("click", function () {
      clear(quiz);
      quiz.querySelector("input").focus();
    });
    var saved = window.downhillProgress && window.downhillProgress.answer(quiz.getAttribute("data-lesson"), quiz.getAttribute("data-question"));
    if (saved && saved.selected && saved.selected.length) {
      quiz.querySelectorAll("input").forEach(function (input) {
        input.checked = saved.selected.indexOf(Number(input.value)) !== -1;
      });
      show(quiz, saved.selected, false);
    }
  }

  function init() {
    document.querySelectorAll(".dh-quiz[data-question]").forEach(wire);
    document.querySelectorAll(".dh-quiz-score[data-lesson]").forEach(function (slot) {
      drawScore(slot.getAttribute("data-lesson"));
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
