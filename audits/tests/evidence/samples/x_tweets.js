window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1763489351070646272"
          ],
          "editableUntil" : "2024-03-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/R3p0rt",
            "expanded_url" : "https://acme.example/report",
            "display_url" : "acme.example/report…",
            "indices" : [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "81"
      ],
      "favorite_count" : "3",
      "id_str" : "1763489351070646272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1763489351070646272",
      "created_at" : "Fri Mar 01 09:00:00 +0000 2024",
      "favorited" : false,
      "full_text" : "Our annual report is out: https://t.co/R3p0rt &amp; more #news https://t.co/Ph0t0",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/acme_org/status/1763489351070646272/photo/1",
            "indices" : [
              "60",
              "83"
            ],
            "url" : "https://t.co/Ph0t0",
            "media_url" : "http://pbs.twimg.com/media/AbCdEf.jpg",
            "id_str" : "1763",
            "id" : "1763",
            "media_url_https" : "https://pbs.twimg.com/media/AbCdEf.jpg",
            "sizes" : {},
            "type" : "photo",
            "display_url" : "pic.twitter.com/Ph0t0"
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1763490609361846272"
          ],
          "editableUntil" : "2024-03-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "43"
      ],
      "favorite_count" : "3",
      "id_str" : "1763490609361846272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1763490609361846272",
      "created_at" : "Fri Mar 01 09:05:00 +0000 2024",
      "favorited" : false,
      "full_text" : "2/2 The appendix has the figures by region.",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1763489351070646272",
      "in_reply_to_status_id" : "1763489351070646272",
      "in_reply_to_user_id" : "1234567890",
      "in_reply_to_user_id_str" : "1234567890",
      "in_reply_to_screen_name" : "acme_org"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1763874388177846272"
          ],
          "editableUntil" : "2024-03-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "32"
      ],
      "favorite_count" : "3",
      "id_str" : "1763874388177846272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1763874388177846272",
      "created_at" : "Sat Mar 02 10:30:00 +0000 2024",
      "favorited" : false,
      "full_text" : "@jane_doe Thanks, glad it helps!",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1763866838430646272",
      "in_reply_to_status_id" : "1763866838430646272",
      "in_reply_to_user_id" : "2222222222",
      "in_reply_to_user_id_str" : "2222222222",
      "in_reply_to_screen_name" : "jane_doe"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1764199027307446272"
          ],
          "editableUntil" : "2024-03-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Xyz",
            "expanded_url" : "https://partner.example/news",
            "display_url" : "partner.example/news…",
            "indices" : [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "60"
      ],
      "favorite_count" : "3",
      "id_str" : "1764199027307446272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1764199027307446272",
      "created_at" : "Sun Mar 03 08:00:00 +0000 2024",
      "favorited" : false,
      "full_text" : "RT @partner_org: Great work by our partners https://t.co/Xyz",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1764682211128246272"
          ],
          "editableUntil" : "2024-03-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Own",
            "expanded_url" : "https://acme.example/take",
            "display_url" : "acme.example/take…",
            "indices" : [
              "0",
              "23"
            ]
          },
          {
            "url" : "https://t.co/Qu0te",
            "expanded_url" : "https://twitter.com/news_site/status/1759910770897846272",
            "display_url" : "twitter.com/news_site/sta…",
            "indices" : [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "72"
      ],
      "favorite_count" : "3",
      "id_str" : "1764682211128246272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1764682211128246272",
      "created_at" : "Mon Mar 04 16:00:00 +0000 2024",
      "favorited" : false,
      "full_text" : "Worth reading, and see our own take: https://t.co/Own https://t.co/Qu0te",
      "lang" : "en",
      "quoted_status_permalink" : {
        "url" : "https://t.co/Qu0te",
        "expanded" : "https://twitter.com/news_site/status/1759910770897846272",
        "display" : "twitter.com/news_site/sta…"
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1764969101521846272"
          ],
          "editableUntil" : "2024-03-01T10:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/Self",
            "expanded_url" : "https://twitter.com/acme_org/status/1763489351070646272",
            "display_url" : "twitter.com/acme_org/stat…",
            "indices" : [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "39"
      ],
      "favorite_count" : "3",
      "id_str" : "1764969101521846272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1764969101521846272",
      "created_at" : "Tue Mar 05 11:00:00 +0000 2024",
      "favorited" : false,
      "full_text" : "In case you missed it https://t.co/Self",
      "lang" : "en"
    }
  }
]