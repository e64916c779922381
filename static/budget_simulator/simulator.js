// The running balance and each service's consequence as people type: an enhancement only. The page works
// without this file (the "Check my budget" button asks the server), and the server checks the budget again
// when it is submitted. The sums are those of budget_simulator/balance.py, from the numbers the page gives.
(function () {
  var form = document.querySelector("[data-budget-simulator]");
  var source = document.getElementById("budget-simulator-data");
  if (!form || !source) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var money = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });
  var pence = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 2 });
  var summary = form.querySelector("[data-balance-summary]");
  var detail = form.querySelector("[data-balance-detail]");
  var serviceInputs = form.querySelectorAll("input[data-service]");
  var taxInput = form.querySelector("input[data-council-tax]");
  var timer = null;

  function steps(input) {
    var value = input.value.trim();
    return /^-?\d+$/.test(value) ? parseInt(value, 10) : null;
  }

  function consequence(service, n) {
    if (n < 0 && -n <= service.cuts.length) {
      return service.cuts[-n - 1];
    }
    if (n > 0 && n <= service.increases.length) {
      return service.increases[n - 1];
    }
    return n === 0 ? "No change to the service." : "";
  }

  function describeService(input, service) {
    var effect = document.getElementById(input.id + "-effect");
    var n = steps(input);
    var change = effect.querySelector("[data-change]");
    var newBudget = effect.querySelector("[data-new-budget]");
    var words = effect.querySelector("[data-consequence]");
    if (n === null || n < -service.cuts.length || n > service.increases.length) {
      change.textContent = "Not a move this service allows";
      newBudget.textContent = money.format(service.current);
      words.textContent = "enter a whole number from " + -service.cuts.length + " to " + service.increases.length + ".";
      return null;
    }
    var pounds = n * service.step;
    change.textContent = pounds === 0 ? "No change" : (pounds > 0 ? "Spend " : "Save ") + money.format(Math.abs(pounds));
    newBudget.textContent = money.format(service.current + pounds);
    words.textContent = consequence(service, n);
    return pounds;
  }

  function update() {
    var found = 0;
    var readable = true;
    serviceInputs.forEach(function (input) {
      var pounds = describeService(input, data.services[input.getAttribute("data-service")]);
      if (pounds === null) {
        readable = false;
      } else {
        found -= pounds;
      }
    });
    if (taxInput) {
      var effect = form.querySelector("[data-council-tax-effect]");
      var n = steps(taxInput);
      if (n === null || n < 0 || n > parseInt(taxInput.getAttribute("max"), 10)) {
        readable = false;
        effect.textContent = "Enter a whole number from 0 to " + taxInput.getAttribute("max") + ".";
      } else {
        found += n * data.taxStep;
        effect.textContent = n === 0 ? "No rise in council tax." : "Raises " + money.format(n * data.taxStep) +
          ": a Band D household pays " + pence.format((n * data.bandDPence) / 100) + " a year more.";
      }
    }
    if (!readable) {
      summary.textContent = "Some of your entries are not moves the simulator allows: check the ones marked.";
      detail.textContent = "";
      return;
    }
    var gap = data.saving - found;
    if (gap > 0) {
      summary.textContent = "You still need to find " + money.format(gap) + ".";
    } else if (gap < 0) {
      summary.textContent = "Your budget balances, with " + money.format(-gap) + " to spare.";
    } else {
      summary.textContent = "Your budget balances.";
    }
    detail.textContent = "Savings found: " + money.format(found) + " of " + money.format(data.saving) + " needed.";
  }

  // Announce the balance once typing pauses, not at every key press.
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 300);
  }

  serviceInputs.forEach(function (input) {
    input.addEventListener("input", later);
  });
  if (taxInput) {
    taxInput.addEventListener("input", later);
  }
})();
