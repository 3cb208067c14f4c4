window.YTD.tweet.part0 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/jgj0",
            "expanded_url" : "https://acme.example/apply",
            "display_url" : "acme.example/apply…",
            "indices" : [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "28"
      ],
      "favorite_count" : "3",
      "id_str" : "1349038437168054272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1349038437168054272",
      "created_at" : "Tue Jan 12 17:00:02 +0000 2021",
      "favorited" : false,
      "full_text" : "Apply now: https://t.co/jgj0",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
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
        "29"
      ],
      "favorite_count" : "3",
      "id_str" : "1349280020689846272",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "1349280020689846272",
      "created_at" : "Wed Jan 13 09:00:00 +0000 2021",
      "favorited" : false,
      "full_text" : "@bob_smith Yes, until Friday.",
      "lang" : "en",
      "in_reply_to_status_id_str" : "1349264921195446272",
      "in_reply_to_user_id_str" : "3333",
      "in_reply_to_screen_name" : "bob_smith"
    }
  }
]