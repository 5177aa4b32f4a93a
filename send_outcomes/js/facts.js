// Generated from data/criteria.json and data/exercise_types.json by send_outcomes/facts_js.py
// (`make facts`); do not edit. tests/exercises/test_shared_data.py fails when this file is out of date.
//
// CRITERION_ENTRIES: the criteria a rewritten outcome is judged on, in display order: {id, label, smart}.
// EXERCISE_TYPES: type id -> {name, module, saves, analyser, answers, secret}, as the data file describes.
// Both are frozen all the way down, so no module can change a fact another module reads.

function freeze(value) {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const CRITERION_ENTRIES = freeze([
  {
    "id": "specific",
    "label": "Specific",
    "smart": true
  },
  {
    "id": "measurable",
    "label": "Measurable",
    "smart": true
  },
  {
    "id": "achievable",
    "label": "Achievable",
    "smart": true
  },
  {
    "id": "time_bound",
    "label": "Time-bound",
    "smart": true
  },
  {
    "id": "person_centred",
    "label": "Person-centred",
    "smart": false
  }
]);

export const EXERCISE_TYPES = freeze({
  "sort": {
    "name": "sort the statements",
    "module": "sort.js",
    "saves": true,
    "analyser": false,
    "answers": {
      "placements": [
        "map",
        "string"
      ],
      "checked": [
        "map",
        "string"
      ],
      "tries": [
        "map",
        "count"
      ]
    },
    "secret": {
      "spec": [
        "hints",
        "reveal_after"
      ],
      "items": [
        "kind",
        "why"
      ]
    }
  },
  "fix": {
    "name": "fix the outcome",
    "module": "fix.js",
    "saves": true,
    "analyser": true,
    "answers": {
      "drafts": [
        "map",
        "string"
      ],
      "checks": [
        "map",
        "count"
      ],
      "shown": [
        "map",
        "bool"
      ],
      "round": [
        "count"
      ]
    },
    "secret": {
      "spec": [],
      "rounds": [
        "focus",
        "problem",
        "hints",
        "model_answer"
      ]
    }
  },
  "jigsaw": {
    "name": "jigsaw",
    "module": "jigsaw.js",
    "saves": true,
    "analyser": false,
    "answers": {
      "pieces": [
        "map",
        "piece"
      ],
      "provision": [
        "map",
        "string"
      ],
      "checks": [
        "count"
      ],
      "tries": [
        "map",
        "count"
      ],
      "shown": [
        "map",
        "bool"
      ]
    },
    "secret": {
      "spec": [
        "reveal_after"
      ],
      "pieces": [
        "role",
        "holder",
        "also_accept",
        "reason",
        "hint",
        "model_provision",
        "section"
      ]
    }
  },
  "thread": {
    "name": "follow the golden thread",
    "module": "thread.js",
    "saves": true,
    "analyser": false,
    "answers": {
      "links": [
        "map",
        "map",
        "link"
      ],
      "checks": [
        "map",
        "count"
      ],
      "tries": [
        "map",
        "count"
      ],
      "part": [
        "count"
      ]
    },
    "secret": {
      "spec": [],
      "parts": [
        "links"
      ]
    }
  },
  "checker": {
    "name": "check your plan",
    "module": "checker.js",
    "saves": false,
    "analyser": true,
    "answers": {
      "text": [
        "string"
      ],
      "section": [
        "string"
      ]
    },
    "secret": {
      "spec": []
    }
  }
});
