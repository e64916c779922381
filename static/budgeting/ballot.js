// The ballot's running total as projects are ticked: an enhancement only (the server checks the
// total again when the vote is cast, and the page works without this file).
(function () {
  var form = document.querySelector("[data-ballot]");
  if (!form) {
    return;
  }
  var pot = parseFloat(form.getAttribute("data-pot"));
  var limit = parseInt(form.getAttribute("data-limit") || "0", 10);
  var status = document.getElementById("ballot-total");
  var money = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
  var boxes = form.querySelectorAll("input[type=checkbox][data-cost]");

  function update() {
    var total = 0;
    var count = 0;
    boxes.forEach(function (box) {
      if (box.checked) {
        total += parseFloat(box.getAttribute("data-cost"));
        count += 1;
      }
    });
    var text;
    if (limit) {
      text = count + " of " + limit + " projects chosen.";
      if (count > limit) {
        text += " That is " + (count - limit) + " too many: untick some before you vote.";
      }
    } else if (total <= pot) {
      text = money.format(total) + " chosen: " + money.format(pot - total) + " of " + money.format(pot) + " left.";
    } else {
      text = money.format(total) + " chosen: " + money.format(total - pot) + " over the " + money.format(pot) +
        " available. Untick a project before you vote.";
    }
    status.textContent = text;
    status.classList.toggle("localism-ballot-total--over", limit ? count > limit : total > pot);
  }

  status.hidden = false;
  boxes.forEach(function (box) {
    box.addEventListener("change", update);
  });
  update();
})();
